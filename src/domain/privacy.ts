// Requesters' contact details are confidential: every listing masks them unless --reveal.

export function maskContact(contact: string | null): string | null {
  if (!contact) return contact;
  const email = /^([^@\s]+)@(.+)$/.exec(contact);
  if (email) return `${email[1]!.slice(0, 1)}***@${email[2]}`;
  const digits = contact.replace(/\D/g, '');
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (contact.length <= 2) return '*'.repeat(contact.length);
  return `${contact.slice(0, 1)}${'*'.repeat(contact.length - 2)}${contact.slice(-1)}`;
}
