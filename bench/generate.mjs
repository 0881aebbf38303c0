// Deterministic generator of realistic historical service-desk tickets (benchmarks and tests).
// Dependency-free ES module for Node 20. Same seed + count + options => byte-identical output.
//   node bench/generate.mjs --count N [--seed S] [--months M] [--end YYYY-MM] [--format ndjson|csv] [--out FILE]
import { createWriteStream, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const FIELDS = ['external_id', 'created_at', 'channel', 'requester', 'department', 'contact', 'title',
  'description', 'impact', 'type', 'category', 'urgency', 'status', 'team', 'assignee', 'collaborators',
  'first_response_at', 'dispatched_at', 'resolved_at', 'closed_at', 'escalated', 'escalation_reason', 'solution',
  'satisfaction', 'callback_at', 'reopen_count'];

// Same keys and people as config/teams.yaml; the first name of each list is the supervisor.
const TEAMS = { 'service-desk': ['chen', 'li', 'wang'], desktop: ['zhao', 'sun', 'zhou'], network: ['qian', 'wu', 'zheng'],
  applications: ['feng', 'chu', 'wei', 'jiang'], facilities: ['han', 'yang', 'zhu'] };
const TEAM_KEYS = Object.keys(TEAMS);
const DOMAIN = { hardware: 'desktop', network: 'network', software: 'applications', facilities: 'facilities', service: 'service-desk' };
const MIN = 60000, HOUR = 3600000, DAY = 86400000, TZ = 8 * HOUR;

// Mainland China public holidays and make-up working days (2026 as in config/sla.yaml).
const HOLIDAYS = ['2024-10-01..2024-10-07', '2025-01-01', '2025-01-28..2025-02-04', '2025-04-04..2025-04-06',
  '2025-05-01..2025-05-05', '2025-05-31..2025-06-02', '2025-10-01..2025-10-08', '2026-01-01..2026-01-03',
  '2026-02-15..2026-02-23', '2026-04-04..2026-04-06', '2026-05-01..2026-05-05', '2026-06-19..2026-06-21',
  '2026-10-01..2026-10-07'];
const MAKEUP = ['2024-09-29', '2024-10-12', '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
  '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-27', '2026-10-10'];
const dayNo = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / DAY; // local calendar day number
const HOL = new Set(), WORK = new Set(MAKEUP.map(dayNo));
for (const r of HOLIDAYS) { const [a, b = a] = r.split('..'); for (let d = dayNo(a); d <= dayNo(b); d++) HOL.add(d); }
const isWorkday = (d) => WORK.has(d) || (!HOL.has(d) && (d + 4) % 7 !== 0 && (d + 4) % 7 !== 6); // 1970-01-01 = Thu
// Relative ticket volume per half hour (00:00..23:30): working days, then weekends/holidays.
const PROFILE_WORK = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4, 12, 35, 80, 100, 98, 95, 90, 65, 35, 30, 28, 70,
  92, 95, 90, 85, 78, 70, 50, 28, 14, 8, 6, 5, 4, 4, 3, 3, 2, 2, 1, 1];
const PROFILE_OFF = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 5, 7, 9, 10, 10, 9, 8, 6, 6, 7, 8, 9, 9, 9, 8, 8, 7,
  6, 5, 5, 4, 4, 4, 3, 3, 3, 2, 2, 2, 1, 1];
const WEEKDAY = [0.09, 1.25, 1.1, 1.0, 1.0, 0.9, 0.12]; // Sun..Sat

// Slot pools: a value is a string (same in both languages) or [zh, en].
const POOLS = {
  floor: [['2楼', '2F'], ['3楼', '3F'], ['5楼', '5F'], ['7楼', '7F'], ['8楼', '8F'], ['12楼', '12F'], ['B座3楼', 'Building B 3F']],
  printer: ['HP LaserJet M428', 'Canon iR-ADV C3530', 'Ricoh MP 2555', 'Brother HL-L5100', 'Kyocera M2540dn', 'Epson WF-C5790'],
  pc: ['ThinkPad T14', 'ThinkPad X1 Carbon', 'Dell Latitude 5440', 'HP EliteBook 840', 'Lenovo M920t', 'Dell OptiPlex 7010'],
  monitor: ['Dell P2422H', 'Dell U2723QE', 'AOC 24B2', 'Philips 272E', 'Lenovo T24i'],
  erpmod: [['总账', 'General Ledger'], ['应付', 'Accounts Payable'], ['采购', 'Purchasing'], ['销售订单', 'Sales Orders'], ['库存', 'Inventory'], ['固定资产', 'Fixed Assets']],
  smtp: ['550 5.7.1', '554 5.7.1', '421 4.7.0'],
  err: ['E1002', 'FI-2043', 'MM-0117', 'SD-5001', 'ORA-01555', 'HTTP 500', 'TIMEOUT-30'],
  oaflow: [['费用报销', 'expense claim'], ['请假', 'leave request'], ['采购申请', 'purchase request'], ['合同审批', 'contract approval'], ['出差申请', 'travel request']],
  site: [['海关申报系统', 'the customs portal'], ['银行网银', 'online banking'], ['供应商门户', 'the supplier portal'], ['税务系统', 'the tax bureau site']],
  sw: ['AutoCAD 2024', 'Adobe Acrobat Pro', 'Visio', 'Python 3.12', 'SPSS', 'Power BI Desktop', 'XMind', 'WPS Office'],
  share: ['\\\\fs01\\Finance', '\\\\fs01\\Contracts', '\\\\fs02\\Marketing', '\\\\fs02\\Projects', '\\\\fs01\\HR'],
  room: [['1号会议室', 'Meeting Room 1'], ['3楼大会议室', 'the 3F boardroom'], ['培训室', 'the training room'], ['财务办公室', 'the finance office'], ['前台接待区', 'reception'], ['研发开放办公区', 'the R&D open area']],
  temp: ['28', '29', '30', '31', '32'],
  n: ['2', '3', '4', '5', '6'],
  time: [['今天早上', 'this morning'], ['9点', '9:00'], ['10点半', '10:30'], ['午饭后', 'lunchtime']],
  days: [['两', 'two'], ['三', 'three'], ['四', 'four']],
  door: [['2号楼东门', 'the east door of building 2'], ['1楼北门', 'the north entrance'], ['地下车库入口', 'the car park entrance'], ['机房门', 'the server room door']],
  mobile: ['iPhone', ['安卓手机', 'Android phone'], ['华为手机', 'Huawei phone']],
};

// Templates: [type, category, team, zh, en]; each language is [titles, descriptions, solutions], '|'-separated and
// aligned: position i of each is one problem. {slot}s come from POOLS, {dept} from the ticket.
// Type 'outage' templates are generated as critical faults.
const TEMPLATES = [
  ['fault', 'hardware/printer', 'desktop',
    ['{floor}打印机卡纸，无法打印|{printer}频繁卡纸', '{dept}{floor}的{printer}打印时提示卡纸，打开前盖清理过，重新打印还是报错。|{floor}的{printer}每打几张就卡纸，纸张已经换过一包新的。', '清除纸道内残留碎纸，更换磨损的搓纸轮，连续打印测试正常。|调整纸盒导板并清洁搓纸轮，打印50页未再卡纸。'],
    ['Printer on {floor} keeps jamming|{printer} jams every few pages', 'The {printer} on {floor} reports a paper jam. I removed the paper but the error comes back.|The {printer} on {floor} jams every few pages; we already loaded a fresh ream.', 'Removed torn paper from the paper path and replaced the worn pickup roller; test prints OK.|Adjusted the tray guides and cleaned the rollers; 50 test pages printed without a jam.']],
  ['fault', 'hardware/printer', 'desktop',
    ['{printer}打印有黑色条纹|{floor}打印机显示脱机，无法打印|{floor}打印机打印空白页', '{printer}打出来的每一页都有竖向黑色条纹，清洁过玻璃板无效。|{dept}{floor}的{printer}从今天早上开始显示脱机，所有人都打印不了。|{floor}的{printer}打印出来全是空白页，碳粉显示还有一半。', '更换硒鼓并清洁定影组件，打印质量恢复正常。|打印机IP地址被DHCP改变，已设置保留地址并更新打印队列。|新硒鼓的密封条未撕掉，撕除后打印正常。'],
    ['{printer} prints black streaks|Printer on {floor} shows offline|{floor} printer prints blank pages', 'Every page from the {printer} has a vertical black line; cleaning the glass did not help.|The {printer} used by {dept} on {floor} has shown offline since this morning.|The {printer} on {floor} prints only blank pages although the toner shows 50%.', 'Replaced the drum unit and cleaned the fuser; print quality is back to normal.|The printer got a new DHCP address; reserved its IP and updated the print queue.|The sealing tape of the new toner cartridge was still in place; removed it, prints OK.']],
  ['fault', 'hardware/desktop', 'desktop',
    ['电脑无法开机|{pc}开机蓝屏|电脑运行非常慢，经常卡死', '按电源键没有任何反应，指示灯不亮，换过插座也不行。|{pc}开机后蓝屏，错误代码CRITICAL_PROCESS_DIED，重启多次无效。|电脑打开ERP和Excel就卡死，风扇声音很大。', '更换损坏的电源模块，电脑恢复正常。|修复系统文件并回滚有问题的驱动更新，开机正常。|清理启动项并将机械硬盘更换为固态硬盘，性能明显改善。'],
    ['PC does not power on|{pc} blue screen on boot|Computer extremely slow and freezing', 'Nothing happens when I press the power button; no lights. Tried another socket.|My {pc} shows a blue screen (CRITICAL_PROCESS_DIED) on every boot.|The computer freezes whenever ERP and Excel are open, the fan is very loud.', 'Replaced the failed power supply; the PC works again.|Repaired system files and rolled back a faulty driver update; boots normally.|Removed startup bloat and replaced the HDD with an SSD; performance is fine now.']],
  ['fault', 'hardware/monitor', 'desktop',
    ['{monitor}显示器闪屏|外接显示器没有信号', '{monitor}经常闪屏，偶尔黑屏几秒，换了视频线也一样。|笔记本接扩展坞后外接{monitor}显示无信号。', '显示器背光故障，已用备机更换，原机送修。|更新扩展坞固件并更换USB-C线缆，显示正常。'],
    ['{monitor} monitor flickering|External monitor shows no signal', 'My {monitor} flickers and sometimes goes black for a few seconds; a new cable did not help.|The external {monitor} says no signal when the laptop is on the dock.', 'Backlight failure; swapped for a spare and sent the unit for repair.|Updated the dock firmware and replaced the USB-C cable; display works.']],
  ['fault', 'network/vpn', 'network',
    ['VPN频繁断线|VPN连接提示证书错误|VPN无法连接，提示无权限', '在家用VPN每隔几分钟断一次，需要重新登录，家里网络正常。|连接VPN时提示服务器证书已过期，无法连接。|VPN客户端登录时提示该用户无远程访问权限。', '升级VPN客户端并将连接方式改为TCP 443，连接稳定。|VPN网关证书已更新，指导用户重新导入配置后连接正常。|将账号加入VPN用户组后连接正常。'],
    ['VPN drops every few minutes|VPN certificate error|Cannot connect to VPN: not authorised', 'From home the VPN disconnects every few minutes and I have to log in again; my internet is fine.|The VPN client says the server certificate has expired.|The VPN client says my account has no remote access.', 'Upgraded the VPN client and switched to TCP 443; connection is stable.|Renewed the gateway certificate and had the user re-import the profile; works.|Added the account to the VPN users group; connects now.']],
  ['fault', 'network/wifi', 'network',
    ['{room}WiFi信号弱|{floor}WiFi连上后无法上网', '{room}无线信号很弱，视频会议经常卡顿掉线。|{floor}的WiFi能连上但没有网络，提示无法获取IP地址。', '在该区域增加无线AP并调整信道，信号恢复正常。|DHCP地址池已满，扩容地址池并缩短租期后恢复。'],
    ['Weak Wi-Fi in {room}|Wi-Fi on {floor} connects but no internet', 'Wi-Fi in {room} is very weak and video calls keep dropping.|On {floor} the Wi-Fi connects but there is no internet (no IP address).', 'Added an access point and re-planned channels; signal is good now.|The DHCP scope was exhausted; enlarged it and shortened the lease time.']],
  ['fault', 'network/access', 'network',
    ['无法访问{site}|工位网口不通|网络很慢，网页打不开', '从上午开始无法打开{site}，其他网站正常。|工位网线插上后显示未识别的网络。|从中午开始上网特别慢，网页经常打不开。', '防火墙策略误拦截该地址，已调整策略，访问恢复。|配线架端口松动，重新压接网线后恢复。|楼层交换机存在环路，已定位并关闭环路端口。'],
    ['Cannot reach {site}|Desk network port dead|Network very slow, pages do not load', 'Since this morning I cannot open {site}; other sites are fine.|My desk port shows unidentified network when plugged in.|Since lunchtime the network is very slow and pages time out.', 'A firewall rule blocked the address; rule corrected and access restored.|The patch panel port was loose; re-terminated the cable.|Found and shut down a switching loop on the floor switch.']],
  ['fault', 'software/erp', 'applications',
    ['ERP{erpmod}模块报错{err}|ERP{erpmod}报表导出Excel失败|ERP{erpmod}查询很慢', '在ERP{erpmod}模块保存单据时提示错误{err}，无法继续。|ERP{erpmod}报表导出Excel时提示内部错误。|ERP{erpmod}查询一次要等两三分钟。', '{erpmod}模块主数据配置有误，修正后重新过账成功。|导出数据量超过上限，调整参数并指导用户分批导出。|重建相关索引，查询时间恢复到几秒内。'],
    ['ERP {erpmod} error {err}|ERP {erpmod} export to Excel fails|ERP {erpmod} very slow', 'Saving a document in ERP {erpmod} fails with error {err}.|Exporting the {erpmod} report to Excel gives an internal error.|Every {erpmod} query in ERP takes two or three minutes.', 'Corrected the {erpmod} master data configuration and reposted successfully.|Raised the export limit and showed the user how to export in batches.|Rebuilt the affected indexes; queries are fast again.']],
  ['fault', 'software/oa', 'applications',
    ['OA{oaflow}流程卡住|OA系统{oaflow}提交失败|OA附件上传失败', '提交的{oaflow}一直停在部门经理节点，但经理待办里看不到。|OA提交{oaflow}时提示系统错误。|OA上传{oaflow}附件时一直转圈，最后提示失败。', '审批人岗位变动未同步，已更新审批人并重新推送单据。|表单字段配置错误，修正后重新提交成功。|附件大小超过限制，已调整上限并重新上传成功。'],
    ['OA {oaflow} stuck in approval|Cannot submit {oaflow} in OA|OA attachment upload fails', 'My {oaflow} has been waiting at the manager step, but my manager does not see it.|Submitting a {oaflow} in OA gives a system error.|Uploading the attachment of my {oaflow} spins and then fails.', 'The approver mapping was outdated after a role change; fixed and re-pushed.|A form field was misconfigured; fixed, the form submits now.|The attachment exceeded the size limit; raised it and uploaded again.']],
  ['fault', 'software/email', 'applications',
    ['Outlook无法收发邮件|邮箱反复提示输入凭据|手机邮箱不同步', 'Outlook一直显示正在连接，邮件发不出去。|Outlook每隔十几分钟弹出登录窗口，输入后还是会弹。|{mobile}上的公司邮箱从昨天开始不同步。', '重建Outlook配置文件后收发正常。|清除过期的缓存凭据并重新登录，不再提示。|手机端保存的旧凭据未更新，重新配置后同步正常。'],
    ['Outlook cannot send or receive|Mailbox keeps asking for credentials|Mail not syncing on phone', 'Outlook is stuck on connecting and mail stays in the outbox.|Outlook pops up a sign-in window every ten minutes.|Company mail on my {mobile} stopped syncing yesterday.', 'Recreated the Outlook profile; mail flows normally.|Cleared stale cached credentials and signed in again; no more prompts.|Old credentials were stored on the phone; reconfigured the account, mail syncs.']],
  ['fault', 'facilities/aircon', 'facilities',
    ['{room}空调不制冷|{room}空调漏水|{floor}办公区温度过高', '{room}空调开了一小时还是{temp}度，只有常温风。|{room}的空调一直滴水，下面有电脑。|{floor}办公区下午温度达到{temp}度，很多人反映太热。', '更换卡死的电动水阀，制冷恢复。|疏通冷凝水管并清洗滤网，不再漏水。|更换故障温控器并调整新风机组设定。'],
    ['Air conditioning not cooling in {room}|AC leaking water in {room}|Too hot in the {floor} office', 'The AC in {room} has been on for an hour and it is still {temp}°C.|The AC unit in {room} is dripping onto the desks.|It is {temp}°C in the {floor} office every afternoon.', 'Replaced a stuck water valve; cooling restored.|Cleared the condensate drain and cleaned the filter; no more leaks.|Replaced a faulty thermostat and retuned the air handler.']],
  ['fault', 'facilities/access', 'facilities',
    ['{door}门禁刷卡无反应|工卡刷门禁提示无权限|{door}门禁无法关闭', '{door}读卡器刷卡没有反应，指示灯不亮。|工卡刷门禁提示无权限，上周还能用。|{door}的电磁锁吸不住，门一直开着。', '更换读卡器电源模块，门禁恢复。|门禁系统权限同步失败，已重新下发权限。|更换电磁锁并调整门磁位置。'],
    ['Card reader dead at {door}|Access badge rejected|Magnetic lock broken at {door}', 'The card reader at {door} does not react, no lights.|My badge is rejected by the doors; it worked last week.|The magnetic lock at {door} does not hold; the door stays open.', 'Replaced the reader power module; access restored.|Access rights failed to sync; pushed them again.|Replaced the magnetic lock and realigned the door sensor.']],
  ['fault', 'hardware/av', 'desktop',
    ['{room}投影仪无法显示|视频会议没有声音|{room}会议终端无法开机', '{room}投影仪连接电脑后没有画面。|视频会议时对方听不到我们说话。|{room}的视频会议终端按电源没反应。', '更换HDMI线并重置投影仪输入源。|全向麦克风驱动异常，重新安装后正常。|终端电源适配器损坏，已更换。'],
    ['Projector in {room} shows nothing|No sound in video conferences|Conference unit in {room} will not start', 'The projector in {room} shows no picture from the laptop.|Remote participants cannot hear us in video meetings.|The video conference unit in {room} does not power on.', 'Replaced the HDMI cable and reset the input source.|Reinstalled the speakerphone driver; audio works.|The power adapter had failed; replaced it.']],
  ['outage', 'network/access', 'network',
    ['{floor}全部无法上网|{dept}所有人无法访问内网|{floor}网络中断，全部无法连接', '今天上午开始{floor}所有人有线和无线全部无法上网，内网系统也打不开。|{dept}所有人无法访问内网和邮件，业务全部停滞。|{floor}突然全部断网，交换机指示灯全灭。', '汇聚交换机上联光模块故障，更换后全部恢复，并增加链路告警。|核心交换机上该部门VLAN配置被误删，恢复配置后全部恢复。|接入交换机电源故障导致堆叠中断，更换电源后恢复。'],
    ['Network down on {floor}: whole floor cannot connect|Intranet down: everyone in {dept} cannot reach it|{floor} outage: whole floor cannot get online', 'Since this morning the whole floor cannot connect on {floor}; wired and Wi-Fi are down.|Since 9:00 everyone in {dept} cannot reach email or internal systems.|The whole floor cannot get online on {floor}; the switch lights are all off.', 'The uplink optic on the distribution switch failed; replaced it and added link alarms.|The department VLAN had been deleted on the core switch; restored the configuration.|A switch power supply failed and broke the stack; replaced it, all ports back.']],
  ['outage', 'software/erp', 'applications',
    ['ERP系统所有人无法登录|ERP报错{err}，全部无法使用', 'ERP登录页面打不开，所有人无法登录，{dept}业务全部停滞。|ERP提示{err}，所有人无法使用。', '数据库会话数耗尽，重启应用服务并调整连接池后恢复。|应用服务器磁盘满导致服务停止，清理日志并扩容后恢复。'],
    ['ERP down: everyone cannot log in|ERP error {err}: everyone cannot work', 'The ERP login page does not load; everyone in {dept} is blocked.|ERP shows {err} for everyone.', 'Database sessions were exhausted; restarted the app tier and tuned the pool.|The app server disk was full; cleared logs and extended the volume.']],
  ['outage', 'facilities/aircon', 'facilities',
    ['机房空调停机，温度持续升高|机房精密空调全部无法制冷', '机房精密空调告警停机，机房温度已到35度。|机房两台空调全部无法制冷，服务器风扇狂转。', '压缩机过载保护跳闸，复位并清洗冷凝器后恢复，温度回落。|更换故障压缩机接触器，并启用临时移动空调。'],
    ['Server room AC down, temperature rising|Server room cooling down, everyone cannot work', 'The server room AC tripped an alarm and the room is at 35°C.|Both server room AC units are down; servers are overheating.', 'Compressor overload tripped; reset it and cleaned the condenser; temperature back to normal.|Replaced a failed contactor and set up a portable cooler.']],
  ['outage', 'software/email', 'applications',
    ['邮件系统全部无法使用|所有人无法发送外部邮件', '从{time}开始公司邮箱全部无法登录，Outlook和网页版都打不开。|所有人发给客户的邮件都被退回，提示{smtp}。', '邮件服务器证书过期导致服务中断，更新证书后恢复。|出口IP被列入垃圾邮件黑名单，申请解除并切换备用出口后恢复。'],
    ['Email down: everyone cannot log in|Outbound mail down: everyone cannot send external mail', 'Since {time} nobody can open mail in Outlook or on the web.|All mail to customers bounces with {smtp}; everyone cannot send outside.', 'The mail server certificate had expired; renewed it and service is back.|Our outbound IP was blacklisted; switched to the backup gateway and requested delisting.']],
  ['outage', 'facilities/power', 'facilities',
    ['{floor}全部停电，所有人无法工作|{floor}配电跳闸，全部无法开机', '{floor}突然停电，电脑和照明全部断电，所有人无法工作。|{floor}配电箱跳闸，合闸后又跳，全部无法开机。', '配电柜空开老化跳闸，更换空开后恢复供电。|一台饮水机漏电导致跳闸，隔离故障设备后恢复供电。'],
    ['Power cut on {floor}: everyone cannot work|Breaker tripped on {floor}, whole floor down', 'The power went off on {floor}; PCs and lights are out and everyone cannot work.|The breaker for {floor} keeps tripping; the whole floor is down.', 'An aged circuit breaker tripped; replaced it and power is restored.|A faulty water dispenser leaked current; isolated it and restored power.']],
  ['request', 'software/account', 'applications',
    ['OA密码忘记，申请重置|域账号被锁定，申请解锁|申请重置ERP登录密码', '忘记了OA登录密码，输错多次后账号被锁定。|休假回来域账号被锁定，无法登录电脑。|ERP密码过期后无法登录，提示联系管理员。', '核实身份后解锁账号并重置临时密码，用户已修改新密码。|解除账号锁定并清除手机上保存的旧密码。|重置ERP密码并通过短信发送临时密码。'],
    ['Password reset for OA|Account locked, please unlock|Reset my ERP password', 'I forgot my OA password and the account is now locked.|My domain account is locked after the holiday.|My ERP password expired and I cannot log in.', 'Verified identity, unlocked the account and issued a temporary password.|Unlocked the account and removed the old password saved on the phone.|Reset the ERP password and sent a temporary one by SMS.']],
  ['request', 'software/account', 'applications',
    ['申请共享盘{share}访问权限|申请开通ERP{erpmod}权限|申请开通CRM客户管理权限', '因工作需要申请{share}读写权限，已获部门经理同意。|岗位调整，需要开通ERP{erpmod}模块权限。|调岗后需要开通CRM新区域客户的查看和编辑权限。', '已加入对应权限组，注销重新登录后可访问。|按审批开通ERP{erpmod}权限并通知用户。|已调整CRM数据权限并关闭原区域权限。'],
    ['Access to shared drive {share}|Need the ERP {erpmod} role|Request CRM access for my new region', 'Please grant me read/write access to {share}; my manager approved.|I moved to a new role and need the ERP {erpmod} role.|After my transfer I need CRM access to the customers of my new region.', 'Added the user to the group; access works after re-login.|Granted the {erpmod} role as approved and informed the user.|Adjusted CRM data permissions and removed the old region.']],
  ['request', 'hardware/laptop', 'desktop',
    ['新员工入职电脑申请（{n}人）|申请配置新员工办公电脑', '{dept}下周一有{n}名新员工入职，需要配置{pc}并开通邮箱和OA账号。|新同事入职，需要一台{pc}和一台{monitor}显示器。', '已按标准镜像配置{n}台电脑并开通账号，交付给部门。|设备已准备完毕，入职当天完成交接和首次登录。'],
    ['New hire laptops ({n} people)|Equipment for a new starter', '{n} new colleagues join {dept} on Monday; they need a {pc}, email and OA accounts.|A new starter needs a {pc} and a {monitor} monitor.', 'Imaged {n} machines, created the accounts and handed them over.|Equipment ready; handover and first login done on day one.']],
  ['request', 'software/install', 'applications',
    ['申请安装{sw}|{sw}安装失败|{sw}授权到期', '工作需要安装{sw}，电脑没有管理员权限。|安装{sw}时提示错误1603。|{sw}打开提示授权已过期，无法使用。', '通过软件分发平台安装{sw}并激活授权。|补装运行库后完成{sw}安装。|已在授权服务器续期并重新激活。'],
    ['Please install {sw}|{sw} install fails|{sw} license expired', 'I need {sw} for my work but have no admin rights.|Installing {sw} fails with error 1603.|{sw} says the license has expired.', 'Deployed {sw} via the software centre and activated the license.|Installed the missing runtime, then {sw}.|Renewed the license on the license server and reactivated.']],
  ['request', 'hardware/printer', 'desktop',
    ['{floor}打印机需要更换硒鼓|{floor}打印机缺纸', '{floor}打印机提示碳粉不足，打印很淡。|{floor}打印机纸盒空了，备用纸也用完了。', '已更换硒鼓并打印测试页。|已补充A4纸两箱。'],
    ['Toner low on the {floor} printer|{floor} printer out of paper', 'The {floor} printer says toner low and prints are faint.|The {floor} printer is out of paper and there is no spare stock.', 'Replaced the cartridge and printed a test page.|Delivered two boxes of A4 paper.']],
  ['consultation', 'software/email', 'service-desk',
    ['咨询：手机如何配置企业邮箱|咨询：邮箱容量满了怎么办', '新换了{mobile}，想配置公司邮箱，服务器地址怎么填？|邮箱提示容量已满，如何归档旧邮件？', '电话指导添加Exchange账户并发送配置手册。|指导用户启用自动归档并清理大附件。'],
    ['How do I set up company mail on my phone?|Mailbox full, what can I do?', 'I have a new {mobile}. What server settings do I use for company mail?|My mailbox is full; how do I archive old mail?', 'Walked the user through adding the Exchange account and sent the guide.|Explained auto-archive and how to clean up large attachments.']],
  ['consultation', 'network/vpn', 'service-desk',
    ['咨询：出差如何远程访问公司系统|咨询：VPN账号如何申请', '下周出差，需要在外面访问{share}，怎么连？|在家办公需要VPN，请问申请流程？', '说明远程访问方式并发送VPN客户端下载链接。|告知在OA提交远程访问申请，审批后开通。'],
    ['How can I reach company files while travelling?|How do I get a VPN account?', 'I travel next week and need {share}. How do I connect?|I will work from home; how do I apply for VPN?', 'Explained remote access and sent the VPN client download link.|Told the user to file a remote-access request in OA.']],
  ['consultation', 'software/erp', 'service-desk',
    ['咨询：ERP{erpmod}如何冲销单据|咨询：ERP{erpmod}报表在哪里查询', '请问在ERP{erpmod}模块里怎么做冲销？|月底要看{erpmod}报表，不知道在哪个菜单。', '电话讲解冲销步骤并发送操作手册。|告知报表菜单路径并远程演示。'],
    ['How do I reverse a document in ERP {erpmod}?|Where is the {erpmod} report in ERP?', 'How do I reverse a posting in ERP {erpmod}?|Which menu has the {erpmod} month-end report?', 'Explained the reversal steps by phone and sent the user guide.|Gave the menu path and demonstrated remotely.']],
  ['consultation', 'service/consultation', 'service-desk',
    ['咨询：如何借用投影仪|咨询：IT设备申请流程|咨询：{room}如何无线投屏', '外出参展需要借投影仪和随身WiFi，流程是什么？|想申请更换电脑，需要走什么流程？|{room}能无线投屏吗？笔记本需要装软件吗？', '告知在OA提交设备借用申请，提前3个工作日。|说明设备申请流程及审批人。|指导使用Win+K无线投屏，无需安装软件。'],
    ['How do I borrow a projector?|What is the process to request IT equipment?|How do I present wirelessly in {room}?', 'We need a projector and a mobile hotspot for a trade fair.|I would like a new laptop; what is the process?|Can I cast my laptop screen in {room}? Do I need any software?', 'Explained the loan request in OA (3 working days ahead).|Explained the equipment request process and approvers.|Showed how to cast with Win+K; no software needed.']],
  ['complaint', 'service/complaint', 'service-desk',
    ['投诉：报修{days}天无人处理|投诉：热线工程师态度差|投诉：同一问题反复报修未解决', '报修了{days}天没人来处理，打电话催也只说排队。|打热线咨询时工程师很不耐烦，没说完就挂了电话。|同一个问题已经报修三次，每次说好了又出现。', '主管致电道歉，加急安排工程师当天解决，并修正派单规则。|调听录音后对相关人员进行服务规范培训，并回访致歉。|复盘历次处理记录，安排高级工程师彻底解决并回访确认。'],
    ['Complaint: nobody came for {days} days|Complaint: rude hotline agent|Complaint: same issue reported again and again', 'I reported my problem {days} days ago and nobody came; this is unacceptable.|The hotline agent was rude and hung up on me.|This is the third time I report the same problem.', 'The supervisor apologised, sent an engineer the same day and fixed the routing rule.|Reviewed the call with the agent, coached them and called the user back.|Reviewed the ticket history; a senior engineer fixed the root cause and confirmed with the user.']],
  ['suggestion', 'service/suggestion', 'service-desk',
    ['建议：增加自助服务门户|建议：工单解决后短信通知|建议：发布IT系统状态页', '很多简单问题可以自助解决，建议提供知识库和自助服务门户。|希望工单处理完成后能收到短信通知。|系统故障时热线很难打进，建议在内网发布系统状态页。', '感谢建议，已纳入明年服务改进计划。|建议已转IT管理层评审，计划下季度上线。|已采纳，状态页将在内网首页发布。'],
    ['Suggestion: a self-service portal|Suggestion: SMS when a ticket is resolved|Suggestion: an IT status page', 'Many simple issues could be solved with a knowledge base and self-service portal.|An SMS when my ticket is resolved would help.|During outages the hotline is busy; a status page on the intranet would help.', 'Thanks, it is in next year\'s service improvement plan.|Forwarded to IT management; planned for next quarter.|Accepted; the status page will be on the intranet home page.']],
  ['suggestion', 'facilities/suggestion', 'facilities',
    ['建议：{room}增加视频会议设备|建议：{floor}增加一台打印机', '{room}经常开远程会议，建议配置摄像头和全向麦。|{floor}只有一台打印机，经常排队，建议增加。', '已纳入下季度采购计划。|已评估，计划年内增加设备。'],
    ['Suggestion: video conferencing kit for {room}|Suggestion: another printer on {floor}', '{room} is used for remote meetings; please add a camera and speakerphone.|{floor} has one printer and people queue; please add one.', 'Added to next quarter\'s purchase plan.|Assessed; equipment will be added this year.']],
];
const compile = (s) => s.split(/\{(\w+)\}/); // odd indices are slot names
const TPL = TEMPLATES.map(([type, category, team, zh, en]) => {
  const langs = [zh, en].map((l) => l.map((group) => group.split('|').map(compile)));
  if (new Set(langs.flat().map((g) => g.length)).size !== 1) throw new Error(`generate: unaligned template ${zh[0]}`);
  const slots = [...new Set([...JSON.stringify([zh, en]).matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].filter((k) => k !== 'dept');
  for (const k of slots) if (!POOLS[k]) throw new Error(`generate: unknown slot {${k}} in ${zh[0]}`);
  return { type, category, team, langs, slots };
});
const TPL_BY = {};
for (const t of TPL) (TPL_BY[t.type] ??= []).push(t);

const DEPTS = [['财务部', 'Finance'], ['人力资源部', 'HR'], ['销售部', 'Sales'], ['市场部', 'Marketing'], ['研发中心', 'R&D'],
  ['生产部', 'Production'], ['采购部', 'Procurement'], ['行政部', 'Administration'], ['仓储物流部', 'Logistics'],
  ['法务部', 'Legal'], ['客服中心', 'Customer Service'], ['质量部', 'Quality']];
const ZH_SUR = '王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu 郭guo 何he 林lin 罗luo 高gao 郑zheng 梁liang 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao 彭peng'
  .split(' ').map((s) => [s[0], s.slice(1)]);
const ZH_GIVEN = '伟wei 芳fang 娜na 敏min 静jing 磊lei 洋yang 勇yong 艳yan 杰jie 军jun 强qiang 涛tao 明ming 超chao 霞xia 平ping 刚gang 桂英guiying 秀兰xiulan 晓红xiaohong 建华jianhua 志强zhiqiang 海燕haiyan 雪xue 婷ting 浩hao 宇yu 子涵zihan 佳怡jiayi'
  .split(' ').map((s) => { const i = s.search(/[a-z]/); return [s.slice(0, i), s.slice(i)]; });
const EN_FIRST = 'James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Sarah Daniel Jessica Thomas Karen Kevin Laura Brian Emily Steven Megan Andrew Rachel Chris Olivia Mark Sophie Paul Grace'.split(' ');
const EN_LAST = 'Smith Johnson Brown Taylor Miller Wilson Moore Clark Lewis Walker Hall Young King Wright Scott Green Adams Baker Lee Chen Wang Zhang Harris Martin Turner Evans Hughes Kelly Price Ward'.split(' ');
const MOBILE = ['138', '139', '137', '136', '135', '150', '151', '158', '159', '186', '188', '189', '177', '199'];
// Extra sentences appended to descriptions: [zh, en] for faults/requests/outages, then for the other types.
const EXTRA = [[['', '', '已重启过电脑，问题依旧。', '比较急，请尽快处理。', '今天下午要用，麻烦尽快。', '同事也遇到同样的问题。', '昨天开始出现的。', '联系电话见工单。'],
  ['', '', ' Restarting did not help.', ' Quite urgent, please.', ' I need it this afternoon.', ' A colleague has the same problem.', ' Started yesterday.', ' Please call me back.']],
[['', '', '谢谢！', '麻烦回电。', '请尽快回复。'], ['', '', ' Thanks!', ' Please call me back.', ' A quick answer would help.']]];
const ZH_SUFFIX = ['', '', '，请尽快处理', '，麻烦看一下', '（再次反映）', '，影响工作'];
const EN_SUFFIX = ['', '', ' - please help', ' again', ' (second report)', ' - blocking my work'];
const ZH_OPEN = ['', '', '您好，', '你好，', '麻烦看一下：'];
const EN_OPEN = ['', '', 'Hi IT team. ', 'Hello. ', 'Good morning. '];
const ESC = [['超出一线处理能力，升级至主管协调。', '涉及多个团队，升级至主管协调资源。', '用户投诉，主管介入处理。', '处理超时，按规定升级。'],
  ['Beyond first-line capability; escalated to the supervisor.', 'Several teams involved; escalated for coordination.', 'Customer complaint; supervisor took over.', 'Resolution time exceeded; escalated per policy.']];

// sfc32 seeded PRNG (fast, good quality), seeds mixed by splitmix32.
function rngFrom(seed) {
  let s = seed >>> 0;
  const mix = () => { s = (s + 0x9e3779b9) | 0; let z = s; z = Math.imul(z ^ (z >>> 16), 0x21f0aaad); z = Math.imul(z ^ (z >>> 15), 0x735a2d97); return (z ^ (z >>> 15)) >>> 0; };
  let a = mix(), b = mix(), c = mix(), d = mix();
  const r = () => { const t = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (c << 21) | (c >>> 11); c = (c + t) | 0; return (t >>> 0) / 4294967296; };
  for (let i = 0; i < 12; i++) r();
  return r;
}

const pad = (n, w) => (w <= 15 ? String(10 ** w + n).slice(1) : String(n).padStart(w, '0'));
function fillSlots(parts, tpl, sv, lang, deptName) {
  let s = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const k = parts[i];
    if (k === 'dept') s += deptName;
    else { const v = POOLS[k][sv[tpl.slots.indexOf(k)]]; s += typeof v === 'string' ? v : v[lang]; }
    s += parts[i + 1];
  }
  return s;
}
// ISO 8601 in +08:00, formatted by hand (Date#toISOString dominated the profile); date prefixes cached per day.
const P2 = Array.from({ length: 60 }, (_, i) => pad(i, 2)), DAY_KEY = new Float64Array(4096).fill(NaN), DAY_STR = new Array(4096);
function iso(ms) {
  if (ms == null) return null;
  const local = ms + TZ, d = Math.floor(local / DAY), slot = d & 4095, sec = Math.floor((local - d * DAY) / 1000);
  if (DAY_KEY[slot] !== d) { DAY_KEY[slot] = d; DAY_STR[slot] = new Date(d * DAY).toISOString().slice(0, 11); }
  return DAY_STR[slot] + P2[(sec / 3600) | 0] + ':' + P2[((sec % 3600) / 60) | 0] + ':' + P2[sec % 60] + '+08:00';
}
// Next moment inside working hours (08:30-18:30 local on a working day), or ms itself if already inside.
function workTime(ms) {
  const local = ms + TZ; let d = Math.floor(local / DAY); const m = (local - d * DAY) / MIN;
  if (isWorkday(d) && m >= 510 && m < 1110) return ms;
  if (!(isWorkday(d) && m < 510)) do d++; while (!isWorkday(d));
  return d * DAY + 510 * MIN - TZ;
}

export function* generateTickets({ seed = 1, count, months = 24, end = '2026-11' } = {}) {
  if (!Number.isInteger(count) || count < 0) throw new TypeError('generateTickets: count must be a non-negative integer');
  if (!Number.isInteger(months) || months < 1) throw new TypeError('generateTickets: months must be a positive integer');
  const em = /^(\d{4})-(\d{2})$/.exec(end);
  if (!em || +em[2] < 1 || +em[2] > 12) throw new TypeError(`generateTickets: end must be YYYY-MM, got ${end}`);
  const rnd = rngFrom(Math.imul(seed | 0, 0x85ebca6b) ^ 0x5eed);
  const rr = (arr) => arr[(rnd() * arr.length) | 0];
  let spare = NaN; // Box-Muller gives normals in pairs
  const normal = () => { if (spare === spare) { const z = spare; spare = NaN; return z; }
    const r = Math.sqrt(-2 * Math.log(1 - rnd())), a = 6.283185307179586 * rnd(); spare = r * Math.sin(a); return r * Math.cos(a); };
  const logn = (median, sigma) => median * Math.exp(sigma * normal());
  // Volume per half-hour slot across the span (independent of count), with day-to-day noise.
  const startDay = Date.UTC(+em[1], +em[2] - months, 1) / DAY, endDay = Date.UTC(+em[1], +em[2], 1) / DAY;
  const now = endDay * DAY - TZ, nSlots = (endDay - startDay) * 48, cum = new Float64Array(nSlots);
  const dayRnd = rngFrom((seed | 0) ^ 0x2545f491);
  let total = 0;
  for (let d = startDay, i = 0; d < endDay; d++) {
    const work = isWorkday(d), wd = (d + 4) % 7, noise = 0.7 + 0.6 * dayRnd();
    const f = (work ? (wd === 0 || wd === 6 ? 0.85 : WEEKDAY[wd]) : HOL.has(d) ? 0.06 : WEEKDAY[wd]) * noise * (1 + 0.15 * (d - startDay) / 365);
    const prof = work ? PROFILE_WORK : PROFILE_OFF;
    for (let h = 0; h < 48; h++, i++) { total += f * prof[h]; cum[i] = total; }
  }
  const width = Math.max(7, String(count).length), ring = new Array(256); let ringN = 0, slot = 0;
  for (let n = 1; n <= count; n++) {
    // Stratified inverse-CDF sampling: created_at is non-decreasing in n, profile follows the weights.
    const target = ((n - 1 + rnd()) / count) * total;
    while (slot < nSlots - 1 && cum[slot] < target) slot++;
    const lo = slot ? cum[slot - 1] : 0, frac = (target - lo) / (cum[slot] - lo || 1);
    const created = Math.floor((startDay * DAY + slot * 30 * MIN + frac * 30 * MIN - TZ) / 1000) * 1000;
    let tpl, lang, sv, dept, prob, urgency;
    const prev = ringN > 8 && rnd() < 0.05 ? ring[(rnd() * Math.min(ringN, 256)) | 0] : null;
    if (prev) ({ tpl, lang, sv, dept, prob, urgency } = prev); // twin: same problem and slots as a recent ticket
    else {
      const ur = rnd(); urgency = ur < 0.05 ? 'critical' : ur < 0.172 ? 'urgent' : 'normal'; // complaints add ~3% urgent below
      const tr = rnd();
      const type = urgency === 'critical' ? 'outage'
        : tr < 0.3158 ? 'consultation' : tr < 0.6842 ? 'fault' : tr < 0.8947 ? 'request' : tr < 0.9474 ? 'complaint' : 'suggestion';
      tpl = rr(TPL_BY[type]); lang = rnd() < 0.5 ? 0 : 1; dept = (rnd() * DEPTS.length) | 0;
      prob = (rnd() * tpl.langs[0][0].length) | 0; sv = tpl.slots.map((k) => (rnd() * POOLS[k].length) | 0);
      if (tpl.type === 'complaint' && urgency === 'normal' && rnd() < 0.7) urgency = 'urgent';
      ring[ringN++ % 256] = { tpl, lang, sv, dept, prob, urgency };
    }
    const [titles, descs, sols] = tpl.langs[lang], deptName = DEPTS[dept][lang];
    const fill = (parts) => fillSlots(parts, tpl, sv, lang, deptName);
    // Wording varies by suffix, opener and extra sentence; a twin always gets a non-empty suffix or opener.
    const plain = tpl.type === 'consultation' || tpl.type === 'suggestion' || tpl.type === 'outage';
    const extra = EXTRA[tpl.type === 'fault' || tpl.type === 'request' || tpl.type === 'outage' ? 0 : 1][lang];
    const suf = lang ? EN_SUFFIX : ZH_SUFFIX, opn = lang ? EN_OPEN : ZH_OPEN;
    let title = fill(titles[prob]) + (plain ? '' : suf[prev ? 2 + ((rnd() * (suf.length - 2)) | 0) : (rnd() * suf.length) | 0]);
    if (urgency === 'urgent' && !prev && rnd() < 0.2) title = (lang ? 'URGENT: ' : '【紧急】') + title;
    const description = opn[prev && plain ? 2 + ((rnd() * (opn.length - 2)) | 0) : (rnd() * opn.length) | 0]
      + fill(descs[prob]) + rr(extra);
    // Requester and contact.
    let requester, email;
    if (lang === 0) { const s = rr(ZH_SUR), g = rr(ZH_GIVEN); requester = s[0] + g[0]; email = `${g[1]}.${s[1]}`; }
    else { const f = rr(EN_FIRST), l = rr(EN_LAST); requester = `${f} ${l}`; email = `${f}.${l}`.toLowerCase(); }
    const cr = rnd(), channel = cr < 0.5 ? 'phone' : cr < 0.7 ? 'email' : cr < 0.95 ? 'web' : 'onsite';
    const contact = (channel === 'email' || (channel === 'web' && rnd() < 0.6) || rnd() < 0.15)
      ? `${email}${rnd() < 0.15 ? (rnd() * 90 + 10) | 0 : ''}@example.com` : rr(MOBILE) + pad((rnd() * 1e8) | 0, 8);
    const ir = rnd();
    const impact = tpl.type === 'outage' ? (ir < 0.65 ? 'department' : 'company')
      : tpl.type === 'suggestion' ? (ir < 0.4 ? 'company' : ir < 0.7 ? 'department' : 'single')
        : ir < 0.82 ? 'single' : ir < 0.97 ? 'department' : 'company';
    const type = tpl.type === 'outage' ? 'fault' : tpl.type, critical = urgency === 'critical';
    // Lifecycle (wall clock, then pushed into working hours unless critical).
    const first = type === 'consultation' && rnd() < 0.7; // answered at first contact by the service desk
    let team = first ? 'service-desk' : tpl.team;
    if (type === 'consultation' && !first) team = DOMAIN[tpl.category.split('/')[0]];
    const members = TEAMS[team];
    const assignee = (tpl.type === 'complaint' || (critical && rnd() < 0.4)) && rnd() < 0.6 ? members[0] : members[1 + ((rnd() * (members.length - 1)) | 0)];
    const live = channel === 'phone' || channel === 'onsite';
    let respond = live ? created + (10 + rnd() * 170) * 1000
      : (critical ? created : workTime(created)) + logn(critical ? 3 : urgency === 'urgent' ? 6 : 12, 0.9) * MIN;
    respond = Math.floor(respond / 1000) * 1000;
    let dispatched = first ? respond : respond + logn(critical ? 4 : urgency === 'urgent' ? 12 : 35, 0.9) * MIN;
    if (!critical) dispatched = workTime(dispatched);
    const med = first ? 8 : critical ? 55 : urgency === 'urgent' ? 200 : type === 'fault' ? 300 : type === 'request' ? 1440
      : type === 'complaint' ? 1440 : type === 'suggestion' ? 4320 : 240;
    let resolved = dispatched + Math.min(logn(med, first ? 0.6 : 1.2), 60 * 24 * 60) * MIN;
    if (!critical && rnd() < 0.85) resolved = workTime(resolved) + (resolved === workTime(resolved) ? 0 : rnd() * 90 * MIN);
    resolved = Math.floor(resolved / 1000) * 1000;
    const called = rnd() < 0.75;
    let callback = called ? workTime(resolved + logn(20, 0.8) * HOUR) + rnd() * 60 * MIN : null;
    if (callback != null) callback = Math.floor(callback / 1000) * 1000;
    let closed = called ? callback + ((rnd() * 300) | 0) * 1000 : resolved + 72 * HOUR;
    const long = resolved - dispatched > 3 * DAY;
    const escalated = rnd() < (tpl.type === 'complaint' ? 0.3 : critical ? 0.35 : long ? 0.4 : 0.01);
    // Status as of the end of the span; recent tickets are often still open.
    let status = closed <= now ? 'closed' : resolved <= now ? 'resolved' : dispatched <= now ? 'in_progress' : 'new';
    if (status === 'closed' && rnd() < 0.015) status = 'resolved';
    const age = (now - created) / DAY;
    if (status === 'closed' || status === 'resolved') {
      if (rnd() < 0.35 * Math.exp(-age / 7) || rnd() < 0.002) {
        const sr = rnd(); status = sr < 0.15 && age < 3 ? 'new' : sr < 0.35 ? 'dispatched' : sr < 0.75 ? 'in_progress' : 'pending';
      }
    } else if (status === 'in_progress') {
      const sr = rnd(); status = now - dispatched < HOUR && sr < 0.5 ? 'dispatched' : now - dispatched > DAY && sr < 0.4 ? 'pending' : 'in_progress';
    }
    const open = status !== 'resolved' && status !== 'closed', isNew = status === 'new';
    if (open) { resolved = null; closed = null; callback = null; } else if (status === 'resolved') { closed = null; callback = null; }
    if (isNew && respond > now) respond = null;
    const satisfaction = status === 'closed' && called && rnd() < 0.88
      ? (() => { const s = rnd() + (type === 'complaint' ? 0.25 : 0); return s < 0.55 ? 5 : s < 0.83 ? 4 : s < 0.93 ? 3 : s < 0.97 ? 2 : 1; })() : null;
    const collab = !isNew && rnd() < 0.05 ? [TEAM_KEYS[(TEAM_KEYS.indexOf(team) + 1 + ((rnd() * 4) | 0)) % 5]] : [];
    const rc = rnd();
    yield {
      external_id: `GEN-${seed}-${pad(n, width)}`, created_at: iso(created), channel, requester,
      department: deptName, contact, title, description, impact, type, category: tpl.category, urgency, status,
      team: isNew ? null : team, assignee: isNew ? null : assignee, collaborators: collab,
      first_response_at: iso(respond), dispatched_at: isNew ? null : iso(dispatched), resolved_at: iso(resolved),
      closed_at: iso(closed), escalated: !isNew && escalated, escalation_reason: !isNew && escalated ? ESC[lang][type === 'complaint' ? 2 : [0, 1, 3][(rnd() * 3) | 0]] : null,
      solution: open ? null : fill(sols[prob]), satisfaction, callback_at: iso(callback),
      reopen_count: open || rc > 0.035 ? 0 : rc < 0.004 ? 2 : 1,
    };
  }
}

// Serializers for the CLI, specialised to generateTickets() output (JSON.stringify was ~60% of the run): ids,
// times, enums, names and contacts come from fixed pools that need no escaping; free text is checked.
// jsonLine(t) === JSON.stringify(t) for every generated ticket.
const JSON_ESC = /["\\\u0000-\u001f\ud800-\udfff]/, CSV_QUOTE = /[",\r\n]/;
const js = (s) => (JSON_ESC.test(s) ? JSON.stringify(s) : '"' + s + '"');
const jn = (v) => (v === null ? 'null' : '"' + v + '"');
const jsonLine = (t) => `{"external_id":"${t.external_id}","created_at":"${t.created_at}","channel":"${t.channel}",\
"requester":${js(t.requester)},"department":${js(t.department)},"contact":${js(t.contact)},"title":${js(t.title)},\
"description":${js(t.description)},"impact":"${t.impact}","type":"${t.type}","category":"${t.category}",\
"urgency":"${t.urgency}","status":"${t.status}","team":${jn(t.team)},"assignee":${jn(t.assignee)},\
"collaborators":${t.collaborators.length ? JSON.stringify(t.collaborators) : '[]'},\
"first_response_at":${jn(t.first_response_at)},"dispatched_at":${jn(t.dispatched_at)},\
"resolved_at":${jn(t.resolved_at)},"closed_at":${jn(t.closed_at)},"escalated":${t.escalated},\
"escalation_reason":${t.escalation_reason === null ? 'null' : js(t.escalation_reason)},\
"solution":${t.solution === null ? 'null' : js(t.solution)},"satisfaction":${t.satisfaction},\
"callback_at":${jn(t.callback_at)},"reopen_count":${t.reopen_count}}\n`;
const cq = (s) => (s === null ? '' : CSV_QUOTE.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s);
const cn = (v) => (v === null ? '' : v);
const csvLine = (t) => `${t.external_id},${t.created_at},${t.channel},${cq(t.requester)},${cq(t.department)},\
${cq(t.contact)},${cq(t.title)},${cq(t.description)},${t.impact},${t.type},${t.category},${t.urgency},${t.status},\
${cn(t.team)},${cn(t.assignee)},${t.collaborators.join(';')},${cn(t.first_response_at)},${cn(t.dispatched_at)},\
${cn(t.resolved_at)},${cn(t.closed_at)},${t.escalated},${cq(t.escalation_reason)},${cq(t.solution)},\
${cn(t.satisfaction)},${cn(t.callback_at)},${t.reopen_count}\r\n`;

async function main() {
  const usage = 'usage: node bench/generate.mjs --count N [--seed S] [--months M] [--end YYYY-MM] [--format ndjson|csv] [--out FILE]';
  let values;
  try {
    ({ values } = parseArgs({ options: { count: { type: 'string' }, seed: { type: 'string' }, months: { type: 'string' },
      end: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) { console.error(`generate: ${e.message}\n${usage}`); process.exit(2); }
  if (values.help) { console.log(usage); return; }
  const fail = (msg) => { console.error(`generate: ${msg}\n${usage}`); process.exit(2); };
  const int = (name, v, def) => (v === undefined && def !== undefined ? def
    : /^\d+$/.test(v ?? '') ? Number(v) : fail(`--${name} must be a non-negative integer`));
  const format = values.format ?? 'ndjson';
  if (format !== 'ndjson' && format !== 'csv') fail('--format must be ndjson or csv');
  let gen, first;
  try { // the first next() runs the argument checks before any output
    gen = generateTickets({ count: int('count', values.count), seed: int('seed', values.seed, 1),
      months: int('months', values.months, 24), end: values.end ?? '2026-11' });
    first = gen.next();
  } catch (e) { fail(e.message); }
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  out.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); console.error(`generate: ${e.message}`); process.exit(1); });
  // Encode line by line into 1 MiB buffers (cheaper than building big strings); each full buffer is handed to the
  // stream and a fresh one allocated, waiting for 'drain' whenever the stream asks for it.
  const line = format === 'csv' ? csvLine : jsonLine, SIZE = 1 << 20;
  let buf = Buffer.allocUnsafe(SIZE), pos = format === 'csv' ? buf.write(FIELDS.join(',') + '\r\n') : 0;
  for (let r = first; !r.done; r = gen.next()) {
    const l = line(r.value);
    if (pos + l.length * 3 > buf.length) {
      const ok = out.write(buf.subarray(0, pos)); buf = Buffer.allocUnsafe(Math.max(SIZE, l.length * 3)); pos = 0;
      if (!ok) await new Promise((resolve) => out.once('drain', resolve));
    }
    pos += buf.write(l, pos);
  }
  if (pos) out.write(buf.subarray(0, pos));
  if (out !== process.stdout) await new Promise((resolve, reject) => out.end((e) => (e ? reject(e) : resolve())));
}

const script = process.argv[1] && (() => { try { return realpathSync(process.argv[1]); } catch { return process.argv[1]; } })();
if (script && import.meta.url === pathToFileURL(script).href) main().catch((e) => { console.error(`generate: ${e.message}`); process.exit(1); });
