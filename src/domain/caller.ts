// Who called: the same caller is found whether the operator typed "138 1234 5678",
// "+86 138-1234-5678" or "１３８１２３４５６７８" (full-width, as Chinese input methods give it), and
// whether they wrote "Li.Lei@Corp.cn" or "li.lei@corp.cn". The keys are stored beside the ticket's
// requester and contact (src/store/sqlite-rows.ts withDerivedColumns) and indexed.
import { REDACTED } from './redaction.js';

// The characters people write phone numbers with besides digits.
const PHONE_PUNCTUATION = /[\s()+./-]/g;
const MAIL = /^[^\s@]+@[^\s@]+$/;
// A Chinese mobile number written with the country code: +86 / 0086 13812345678.
const CHINESE_MOBILE_ABROAD = /^(?:0086|86)(1\d{10})$/;

function plain(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = value.normalize('NFKC').trim().replace(/\s+/g, ' ');
  return text === '' || text === REDACTED ? null : text;
}

/** The phone number's digits, when the text is one: digits and the punctuation of phone numbers only. */
function phoneDigits(text: string): string | null {
  const digits = text.replace(PHONE_PUNCTUATION, '');
  if (!/^\d{3,}$/.test(digits)) return null;
  return CHINESE_MOBILE_ABROAD.exec(digits)?.[1] ?? digits;
}

/**
 * A contact as it is indexed: a phone number's digits (a Chinese mobile without +86), a mail
 * address in lower case, anything else (a WeChat id, a room) in lower case with its spaces
 * collapsed; null for none, and for a redacted contact.
 */
export function contactKey(contact: string | null | undefined): string | null {
  const text = plain(contact);
  if (text === null) return null;
  if (MAIL.test(text)) return text.toLowerCase();
  return phoneDigits(text) ?? text.toLowerCase();
}

/**
 * A requester's name as it is indexed: without spaces (李 雷 is 李雷, as operators type it either
 * way), full-width letters plain, case ignored; null for none or redacted.
 */
export function requesterKey(requester: string | null | undefined): string | null {
  return plain(requester)?.replace(/ /g, '').toLowerCase() ?? null;
}

export interface CallerLookup {
  by: 'contact' | 'requester';
  /** The key to look up (contactKey or requesterKey). */
  key: string;
}

/**
 * What `desk caller TEXT` looks up: a phone number or a mail address is a contact, anything else
 * a requester's name (names are never digits only, nor mail addresses).
 */
export function readCallerLookup(text: string): CallerLookup | null {
  const value = plain(text);
  if (value === null) return null;
  if (MAIL.test(value) || phoneDigits(value) !== null) return { by: 'contact', key: contactKey(value)! };
  return { by: 'requester', key: requesterKey(value)! };
}

/** Who a new ticket's caller is, to find their earlier tickets: by contact when it has one, else by name. */
export function callerOfTicket(ticket: { requester: string | null; contact: string | null }): CallerLookup | null {
  const contact = contactKey(ticket.contact);
  if (contact !== null) return { by: 'contact', key: contact };
  const requester = requesterKey(ticket.requester);
  return requester === null ? null : { by: 'requester', key: requester };
}

/** `desk caller` counts the caller's tickets of this many days before now as their recent calls. */
export const RECENT_CALL_DAYS = 30;
