// The queries of the search benchmarks (bench/search.mjs, bench/postgres.mjs), by kind.
export const SEARCH_QUERIES = {
  'chinese, 3+ characters': ['打印机', '无法登录', '卡纸', '蓝屏', '证书已过期', '门禁系统', '精密空调', '报表导出', '硒鼓', '共享盘'],
  'chinese, 2 characters': ['打印', '蓝屏', '报销', '门禁', '漏水', '网口', '请假', '无法', '投屏', '断线'],
  english: ['printer', 'vpn', 'password', 'jams', 'certificate', 'ORA-01555', 'Outlook', 'blue screen', 'badge', 'projector'],
  'several terms': ['打印机 卡纸', 'printer jam', 'ERP 报错', 'vpn certificate', '空调 漏水', 'wifi 会议室', '"paper jam" printer', '邮箱 outlook', '门禁 刷卡', 'account locked'],
  'no match': ['量子计算', 'xyzzy', '火星基地', 'kubernetes'],
};
