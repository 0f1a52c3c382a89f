<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CameraLinesModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Pile</source>
        <translation>桩号</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>设备名称</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>设备状态</translation>
    </message>
    <message>
        <source>On-screen text</source>
        <translation>字符叠加</translation>
    </message>
    <message>
        <source>HD switching</source>
        <translation>高清切换</translation>
    </message>
    <message>
        <source>Lens clean</source>
        <translation>镜头清洁</translation>
    </message>
    <message>
        <source>Road clear</source>
        <translation>路面清晰</translation>
    </message>
    <message>
        <source>Plaza panorama</source>
        <translation>广场全景</translation>
    </message>
    <message>
        <source>Not occluded</source>
        <translation>未被遮挡</translation>
    </message>
    <message>
        <source>Class and place</source>
        <translation>类别位置相符</translation>
    </message>
    <message>
        <source>Clock sync</source>
        <translation>时钟同步</translation>
    </message>
    <message>
        <source>Position marked</source>
        <translation>位置标注正确</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Section&apos;s handling</source>
        <translation>路段处理情况</translation>
    </message>
    <message>
        <source>Ticked: the camera meets it ({group}: {label})</source>
        <translation>打勾：符合要求（{group}：{label}）</translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <source>Filter by pile, name or facility (Ctrl+F)</source>
        <translation>按桩号、名称或设施筛选（Ctrl+F）</translation>
    </message>
    <message>
        <source>Only cameras with a problem</source>
        <translation>只看有问题的摄像机</translation>
    </message>
    <message>
        <source>Show on wall</source>
        <translation>在视频墙显示</translation>
    </message>
    <message>
        <source>Snapshot from wall</source>
        <translation>从视频墙抓图</translation>
    </message>
    <message>
        <source>Picture file…</source>
        <translation>选择图片文件…</translation>
    </message>
    <message>
        <source>Remove picture</source>
        <translation>移除图片</translation>
    </message>
    <message>
        <source>Register fault</source>
        <translation>登记故障</translation>
    </message>
    <message>
        <source>Every check is passed until marked. Space or 1-9 marks a check failed (or passed again); F2 writes the note or the section&apos;s handling.</source>
        <translation>各项默认合格，只需标出不合格项：空格或数字键 1-9 将该项标为不合格（再按一次恢复合格）；F2 填写备注或路段处理情况。</translation>
    </message>
    <message>
        <source>No tile shows {name}: show it on the wall first.</source>
        <translation>视频墙上没有显示 {name}：请先在视频墙显示它。</translation>
    </message>
    <message>
        <source>Picture of the problem</source>
        <translation>问题图片</translation>
    </message>
    <message>
        <source>Pictures ({patterns})</source>
        <translation>图片（{patterns}）</translation>
    </message>
    <message>
        <source>The picture was not kept: {error}</source>
        <translation>图片未能保存：{error}</translation>
    </message>
    <message>
        <source>{shown} of {total} cameras shown, {failed} with a problem</source>
        <translation>显示 {shown} / {total} 路摄像机，{failed} 路有问题</translation>
    </message>
    <message>
        <source>Registering…</source>
        <translation>正在登记…</translation>
    </message>
    <message>
        <source>Fault {id} registered</source>
        <translation>已登记故障 {id}</translation>
    </message>
    <message>
        <source>No camera chosen.</source>
        <translation>未选择摄像机。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; {suffix}&lt;br&gt;Device number {number} · section {section} · facility {facility} · pile {pile} · direction {direction}&lt;br&gt;Maintained by {maintainer} · manufacturer {manufacturer} · {status}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; {suffix}&lt;br&gt;设备编号 {number} · 路段 {section} · 所属设施 {facility} · 桩号 {pile} · 行车方向 {direction}&lt;br&gt;管养单位 {maintainer} · 厂家 {manufacturer} · {status}</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Picture not readable</source>
        <translation>图片无法读取</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>无图片</translation>
    </message>
</context>
<context>
    <name>CameraTree</name>
    <message>
        <source>Search by name or pile number</source>
        <translation>按名称或桩号搜索</translation>
    </message>
    <message>
        <source>state unknown (platform not answering)</source>
        <translation>状态未知（视频平台无应答）</translation>
    </message>
    <message>
        <source>{kind} (registered {time})</source>
        <translation>{kind}（{time} 登记）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Video fault not repaired: {faults}</source>
        <translation>视频故障未修复：{faults}</translation>
    </message>
    <message>
        <source>No signal on the wall: {reason}</source>
        <translation>画面无信号：{reason}</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Note (what, where, lanes…)</source>
        <translation>说明（情况、位置、车道…）</translation>
    </message>
    <message>
        <source>Keep watching the camera after an anomaly</source>
        <translation>发现异常后持续关注该摄像机</translation>
    </message>
    <message>
        <source>Normal &amp;&amp; next (Enter)</source>
        <translation>正常，下一路（Enter）</translation>
    </message>
    <message>
        <source>Anomaly (Ctrl+Enter)</source>
        <translation>异常（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Video fault (Ctrl+F)</source>
        <translation>视频故障（Ctrl+F）</translation>
    </message>
    <message>
        <source>Cannot be played (Ctrl+D)</source>
        <translation>无法播放（Ctrl+D）</translation>
    </message>
    <message>
        <source>{outage}
The round is paused until the platform is back.</source>
        <translation>{outage}
巡查暂停，平台恢复后继续。</translation>
    </message>
    <message>
        <source>The picture cannot be played: {reason}. Enter records it as such.</source>
        <translation>画面无法播放：{reason}。按 Enter 记为无法播放。</translation>
    </message>
</context>
<context>
    <name>ChecklistBox</name>
    <message>
        <source>Checklist</source>
        <translation>巡查清单</translation>
    </message>
</context>
<context>
    <name>ChecklistEditor</name>
    <message>
        <source>Patrol checklists</source>
        <translation>巡查清单</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在载入…</translation>
    </message>
    <message>
        <source>Only supervisors can edit the checklists.</source>
        <translation>只有值班主管可以修改巡查清单。</translation>
    </message>
    <message>
        <source>Checklist item</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Add to the selected list</source>
        <translation>添加到所选清单</translation>
    </message>
    <message>
        <source>Remove item</source>
        <translation>删除检查项</translation>
    </message>
    <message>
        <source>Save as new version</source>
        <translation>保存为新版本</translation>
    </message>
    <message>
        <source>Discard edits</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Name of the item, e.g. fallen rocks (a name in use is that same item)</source>
        <translation>检查项名称，如“落石”（与已有检查项同名即为该检查项）</translation>
    </message>
    <message>
        <source>Double-click an item to rename it (in every list that has it). Saving makes a new version; checks already made keep theirs.</source>
        <translation>双击检查项可改名（所有含该检查项的清单一并修改）。保存后生成新版本，已完成的巡查仍使用原版本。</translation>
    </message>
    <message>
        <source>Version {version} was saved meanwhile; saving makes a newer version from your edits.</source>
        <translation>其间已保存了第 {version} 版；现在保存将以您的修改生成更新的版本。</translation>
    </message>
    <message>
        <source>{site} ({kind})</source>
        <translation>{site}（{kind}）</translation>
    </message>
    <message>
        <source>Version {version}, edited (not saved)</source>
        <translation>第 {version} 版，已修改（未保存）</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>第 {version} 版</translation>
    </message>
    <message>
        <source>The checklists are not loaded yet</source>
        <translation>巡查清单尚未载入</translation>
    </message>
    <message>
        <source>Select the list to add the item to</source>
        <translation>请选择要添加检查项的清单</translation>
    </message>
    <message>
        <source>Type the item&apos;s name</source>
        <translation>请输入检查项名称</translation>
    </message>
    <message>
        <source>“{name}” is in this list already</source>
        <translation>“{name}”已在此清单中</translation>
    </message>
    <message>
        <source>Saved as version {version}</source>
        <translation>已保存为第 {version} 版</translation>
    </message>
    <message>
        <source>Patrol records: {error}</source>
        <translation>巡查记录：{error}</translation>
    </message>
</context>
<context>
    <name>ClosingPage</name>
    <message>
        <source>Every camera of the round is recorded. Close the round to write its record.</source>
        <translation>本轮摄像机均已记录。结束本轮巡查以生成巡查记录。</translation>
    </message>
    <message>
        <source>Close round</source>
        <translation>结束本轮巡查</translation>
    </message>
    <message>
        <source>Equipment condition</source>
        <translation>设备情况</translation>
    </message>
    <message>
        <source>Handover pile</source>
        <translation>交接桩号</translation>
    </message>
    <message>
        <source>{count} cameras recorded, {unplayable} of them could not be played.</source>
        <translation>已记录 {count} 路摄像机，其中 {unplayable} 路无法播放。</translation>
    </message>
</context>
<context>
    <name>CompliancePanel</name>
    <message>
        <source>Loading patrol status…</source>
        <translation>正在读取巡查状态…</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>待巡查</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>Done this shift</source>
        <translation>本班已巡</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>达标率</translation>
    </message>
    <message>
        <source>Daily patrol</source>
        <translation>日常巡查</translation>
    </message>
    <message>
        <source>Key patrol</source>
        <translation>重点巡查</translation>
    </message>
    <message>
        <source>Severe-weather patrol</source>
        <translation>异常天气巡查</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>Pile</source>
        <translation>桩号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Shift {start}–{end}</source>
        <translation>本班 {start}–{end}</translation>
    </message>
    <message>
        <source>The holiday calendar does not cover {year} yet: only New Year&apos;s Day, Labour Day, National Day and the site&apos;s extra holidays count. Update the chinesecalendar package or add the dates to extra_holidays.</source>
        <translation>节假日日历尚未包含 {year} 年的安排：目前只计入元旦、劳动节、国庆节和本站补充的节假日。请更新 chinesecalendar 软件包，或在设置项 extra_holidays 中补充日期。</translation>
    </message>
    <message>
        <source>Nothing of this shift is due or done yet</source>
        <translation>本班尚无到期或已完成的巡查</translation>
    </message>
    <message>
        <source>Equipment inspection today: {done}/{required}</source>
        <translation>今日设备巡查应完成 {required} 次，已完成 {done} 次</translation>
    </message>
    <message>
        <source> (holiday: {name})</source>
        <translation>（节假日：{name}）</translation>
    </message>
    <message>
        <source>; due today</source>
        <translation>，请于今日内完成</translation>
    </message>
    <message>
        <source>; due by {time}</source>
        <translation>，请于 {time} 前完成</translation>
    </message>
    <message>
        <source>; {count} missed</source>
        <translation>，已漏 {count} 次</translation>
    </message>
    <message>
        <source>No severe weather warning in force</source>
        <translation>无生效的橙色及以上气象预警</translation>
    </message>
    <message>
        <source>{level} {kind} since {time}</source>
        <translation>{level}{kind}预警（{time} 起）</translation>
    </message>
    <message>
        <source>Severe warning on {section}: {warnings}</source>
        <translation>{section} 异常天气：{warnings}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>{duration} late</source>
        <translation>超时 {duration}</translation>
    </message>
    <message>
        <source>due by {time}</source>
        <translation>{time} 前须巡查</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>Patrol records: {error}</source>
        <translation>巡查记录：{error}</translation>
    </message>
</context>
<context>
    <name>DeadlineTexts</name>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>{clock}: overdue by {span} (due {due})</source>
        <translation>{clock}已超时 {span}（时限 {due}）</translation>
    </message>
    <message>
        <source>{clock}: {span} left (due {due})</source>
        <translation>{clock}剩余 {span}（时限 {due}）</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>响应</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>修复</translation>
    </message>
    <message>
        <source>Awaiting verification</source>
        <translation>待验证</translation>
    </message>
    <message>
        <source>Closed {at}</source>
        <translation>{at} 已关闭</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <source>Awaiting close</source>
        <translation>待关闭</translation>
    </message>
</context>
<context>
    <name>DetailTexts</name>
    <message>
        <source>Camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>Camera number</source>
        <translation>摄像机编号</translation>
    </message>
    <message>
        <source>Pile</source>
        <translation>桩号</translation>
    </message>
    <message>
        <source>This check corrects check #{id}; both are kept.</source>
        <translation>本条为对巡查确认 #{id} 的更正，两条记录均保留。</translation>
    </message>
    <message>
        <source>Corrected later by check #{id}.</source>
        <translation>之后已被巡查确认 #{id} 更正。</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>已更正</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Checked at</source>
        <translation>巡查时间</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Items marked</source>
        <translation>勾选的检查项</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>截图</translation>
    </message>
    <message>
        <source>Presets shown</source>
        <translation>巡查的预置位</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>巡查轮次</translation>
    </message>
    <message>
        <source>Checklist version</source>
        <translation>检查表版本</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Being handled</source>
        <translation>处置中</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Found at</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>发现人</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>处置步骤</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>No handling step recorded.</source>
        <translation>尚未记录处置步骤。</translation>
    </message>
    <message>
        <source>Handling steps</source>
        <translation>处置过程</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障类型</translation>
    </message>
    <message>
        <source>Registered at</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Registered by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Registered from</source>
        <translation>登记来源</translation>
    </message>
    <message>
        <source>Response due</source>
        <translation>响应期限</translation>
    </message>
    <message>
        <source>Repair due</source>
        <translation>修复期限</translation>
    </message>
    <message>
        <source>Changes of state</source>
        <translation>状态变化</translation>
    </message>
    <message>
        <source>met</source>
        <translation>按时</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Not yet accepted</source>
        <translation>尚未接班</translation>
    </message>
    <message>
        <source>Handed over at</source>
        <translation>交班时间</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>交班人</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>接班人</translation>
    </message>
    <message>
        <source>Accepted at</source>
        <translation>接班时间</translation>
    </message>
    <message>
        <source>Duties</source>
        <translation>值班事项</translation>
    </message>
    <message>
        <source>Equipment condition</source>
        <translation>设备状况</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Open events</source>
        <translation>未结束事件</translation>
    </message>
    <message>
        <source>Open faults</source>
        <translation>未关闭故障</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Abnormal</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>{cameras} checked, {failed} with a problem</source>
        <translation>检查 {cameras} 台，{failed} 台有问题</translation>
    </message>
    <message>
        <source>Inspected at</source>
        <translation>巡检时间</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>巡检项目</translation>
    </message>
    <message>
        <source>Cameras with a problem</source>
        <translation>有问题的摄像机</translation>
    </message>
    <message>
        <source>Checks failed</source>
        <translation>未通过的检查项</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>处理情况</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>所属设施</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Patrol period</source>
        <translation>巡查时段</translation>
    </message>
    <message>
        <source>Personnel</source>
        <translation>巡查人员</translation>
    </message>
    <message>
        <source>Handover pile</source>
        <translation>交接桩号</translation>
    </message>
    <message>
        <source>Road anomalies found</source>
        <translation>发现的道路异常</translation>
    </message>
    <message>
        <source>Emergency handling</source>
        <translation>应急处置</translation>
    </message>
    <message>
        <source>Recorded at</source>
        <translation>记录时间</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>The video platform is not available:
{error}</source>
        <translation>视频平台不可用：
{error}</translation>
    </message>
    <message>
        <source>A system error occurred (disk, network or permissions):
{error}</source>
        <translation>系统环境错误（磁盘、网络或权限）：
{error}</translation>
    </message>
    <message>
        <source>An internal error occurred; it has been logged. Please report it.
{error}</source>
        <translation>程序内部错误，已记入日志，请报告维护人员。
{error}</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <source>Event {id}</source>
        <translation>事件 {id}</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>Pile</source>
        <translation>桩号</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>Checklist items</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>处置步骤</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>处置</translation>
    </message>
    <message>
        <source>Keep watching</source>
        <translation>持续关注</translation>
    </message>
    <message>
        <source>Pin the camera to a tile of the wall.</source>
        <translation>将该摄像机固定到视频墙的一个窗格。</translation>
    </message>
    <message>
        <source>Notify units</source>
        <translation>通知处置单位</translation>
    </message>
    <message>
        <source>Message shown on the sign</source>
        <translation>情报板发布内容</translation>
    </message>
    <message>
        <source>Publish on message sign</source>
        <translation>情报板发布</translation>
    </message>
    <message>
        <source>Start emergency plan</source>
        <translation>启动应急预案</translation>
    </message>
    <message>
        <source>What was reported, to whom</source>
        <translation>报送内容及报送对象</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>信息报送</translation>
    </message>
    <message>
        <source>How it ended (closing note)</source>
        <translation>事件结束说明</translation>
    </message>
    <message>
        <source>Close event</source>
        <translation>结束事件</translation>
    </message>
    <message>
        <source>Publish on a message sign</source>
        <translation>发布到情报板</translation>
    </message>
    <message>
        <source>This goes on the sign “{sign}”:

{message}

Publish it?</source>
        <translation>将在情报板“{sign}”上发布：

{message}

确定发布吗？</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>The emergency plan {name} ({level}) starts.</source>
        <translation>将启动应急预案：{name}（{level}）</translation>
    </message>
    <message>
        <source>Start an emergency plan</source>
        <translation>启动应急预案</translation>
    </message>
    <message>
        <source>Start it?</source>
        <translation>确定启动吗？</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>未能保存：{error}</translation>
    </message>
    <message>
        <source>{time} by {operator}</source>
        <translation>{time}，{operator}</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>处置中</translation>
    </message>
    <message>
        <source>{name} ({level}), conditions met</source>
        <translation>{name}（{level}），已达启动条件</translation>
    </message>
</context>
<context>
    <name>FaultDesk</name>
    <message>
        <source>Faults</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Faults and work orders</source>
        <translation>故障与工单</translation>
    </message>
    <message>
        <source>Overdue faults</source>
        <translation>超时故障</translation>
    </message>
    <message>
        <source>Register a video fault…</source>
        <translation>登记视频故障…</translation>
    </message>
    <message>
        <source>Record a work order…</source>
        <translation>登记工单…</translation>
    </message>
    <message>
        <source>Repair request {number}</source>
        <translation>报修单 {number}</translation>
    </message>
</context>
<context>
    <name>FaultList</name>
    <message>
        <source>Open</source>
        <translation>未关闭</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Camera or pile</source>
        <translation>摄像机或桩号</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>只看超时</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Pile</source>
        <translation>桩号</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障类型</translation>
    </message>
    <message>
        <source>Registered (Beijing)</source>
        <translation>登记时间（北京时间）</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>响应</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>修复</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Registered by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Register fault…</source>
        <translation>登记故障…</translation>
    </message>
    <message>
        <source>Change state…</source>
        <translation>变更状态…</translation>
    </message>
    <message>
        <source>Repair request…</source>
        <translation>打印报修单…</translation>
    </message>
    <message>
        <source>Preview, print or save the fault&apos;s repair request</source>
        <translation>预览、打印或保存该故障的报修单</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>撤销原因</translation>
    </message>
    <message>
        <source>Fault {number}: {pile} {camera}, {kind}, now {state}</source>
        <translation>故障 {number}：{pile} {camera}，{kind}，当前{state}</translation>
    </message>
    <message>
        <source>Change the fault&apos;s state</source>
        <translation>变更故障状态</translation>
    </message>
    <message>
        <source>Loading the faults…</source>
        <translation>正在读取故障…</translation>
    </message>
    <message>
        <source>{open} open, {overdue} overdue; {shown} shown</source>
        <translation>未关闭 {open} 条，超时 {overdue} 条；显示 {shown} 条</translation>
    </message>
    <message>
        <source>Select a fault to see its changes.</source>
        <translation>选择一条故障，查看其处理经过。</translation>
    </message>
    <message>
        <source>Fault {number}, {pile} {camera}: {kind}. Response due {response} ({r_state}); repair due {repair} ({p_state}).</source>
        <translation>故障 {number}，{pile} {camera}：{kind}。响应时限 {response}（{r_state}）；修复时限 {repair}（{p_state}）。</translation>
    </message>
</context>
<context>
    <name>FaultReminders</name>
    <message>
        <source>Fault reminder</source>
        <translation>故障提醒</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source> and {count} more</source>
        <translation> 等，另有 {count} 条</translation>
    </message>
    <message>
        <source>{count} video faults overdue: {faults}</source>
        <translation>{count} 条视频故障已超时：{faults}</translation>
    </message>
    <message>
        <source>{count} work orders overdue for feedback</source>
        <translation>{count} 张工单反馈已超时</translation>
    </message>
</context>
<context>
    <name>FaultWindow</name>
    <message>
        <source>Faults and work orders</source>
        <translation>故障与工单</translation>
    </message>
    <message>
        <source>Video faults</source>
        <translation>视频故障</translation>
    </message>
    <message>
        <source>Work orders</source>
        <translation>工单</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Shift handover</source>
        <translation>交接班</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>Pile</source>
        <translation>桩号</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>发现情况</translation>
    </message>
    <message>
        <source>Last step</source>
        <translation>最近处置</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Found at</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Duties for the next shift: instructions, follow-ups, calls to return…</source>
        <translation>交给下一班的工作：上级指示、待跟进事项、待回复电话…</translation>
    </message>
    <message>
        <source>Open pending handover</source>
        <translation>打开待接班记录</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>交班</translation>
    </message>
    <message>
        <source>Incoming operator:</source>
        <translation>接班人：</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>接班人姓名</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接班</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Open events</source>
        <translation>未结束事件</translation>
    </message>
    <message>
        <source>Open video faults</source>
        <translation>未修复视频故障</translation>
    </message>
    <message>
        <source>Patrols due in the next hour</source>
        <translation>未来一小时内到期的巡查</translation>
    </message>
    <message>
        <source>Equipment condition</source>
        <translation>设备情况</translation>
    </message>
    <message>
        <source>Duties</source>
        <translation>交接事项</translation>
    </message>
    <message>
        <source>Outgoing operator: {name}</source>
        <translation>交班人：{name}</translation>
    </message>
    <message>
        <source>Handed over by {outgoing} at {time}</source>
        <translation>交班：{outgoing}，{time}</translation>
    </message>
    <message>
        <source>Accepted by {incoming} at {time}</source>
        <translation>接班：{incoming}，{time}</translation>
    </message>
    <message>
        <source>{online} cameras online, {faults} with faults not repaired</source>
        <translation>{online} 路摄像机在线，{faults} 路故障未修复</translation>
    </message>
    <message>
        <source>No handover is waiting to be accepted.</source>
        <translation>没有等待接班的交班记录。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>none yet (opened {time})</source>
        <translation>尚未处置（{time} 发现）</translation>
    </message>
</context>
<context>
    <name>HistoryMenu</name>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>History of the records…</source>
        <translation>历史记录…</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <source>History of the records</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Camera number or part of its name</source>
        <translation>摄像机编号或名称的一部分</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Period (Beijing time)</source>
        <translation>时段（北京时间）</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Pile range</source>
        <translation>桩号范围</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Load more</source>
        <translation>加载更多</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>Pile</source>
        <translation>桩号</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Corrects #{id}</source>
        <translation>更正 #{id}</translation>
    </message>
    <message>
        <source>Corrected by #{id}</source>
        <translation>已被 #{id} 更正</translation>
    </message>
    <message>
        <source>Select a record to see it whole.</source>
        <translation>选择一条记录以查看详情。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <source>{count} records shown; more follow (scroll down or Load more).</source>
        <translation>已显示 {count} 条记录，后面还有（向下滚动或点击“加载更多”）。</translation>
    </message>
    <message>
        <source>{count} records, oldest first.</source>
        <translation>共 {count} 条记录，按时间先后排列。</translation>
    </message>
    <message>
        <source>No record matches.</source>
        <translation>没有符合条件的记录。</translation>
    </message>
    <message>
        <source>Reading the record…</source>
        <translation>正在读取记录…</translation>
    </message>
</context>
<context>
    <name>IdlePage</name>
    <message>
        <source>Start patrol</source>
        <translation>开始巡查</translation>
    </message>
    <message>
        <source>Cameras due for patrol: {count}</source>
        <translation>待巡查摄像机：{count} 路</translation>
    </message>
</context>
<context>
    <name>InspectionDialog</name>
    <message>
        <source>Equipment inspection</source>
        <translation>设备巡查</translation>
    </message>
    <message>
        <source>Key service programs running, interfaces enabled, operating pages working</source>
        <translation>关键服务程序是否正常运行，接口是否正常启用，操作页面是否正常</translation>
    </message>
    <message>
        <source>Alarms, CPU and memory peaks, disk space use, port peak traffic, application vulnerabilities</source>
        <translation>异常告警、CPU 峰值、内存峰值、磁盘空间使用率、端口峰值流量、应用软件漏洞</translation>
    </message>
    <message>
        <source>Per camera: image quality, occlusion, lens cleanliness, presets, on-screen text, clock sync, scene coverage, device data; fill in the Appendix C table</source>
        <translation>逐台摄像机：图像质量、目标物遮挡、镜头清洁、预置位、字符叠加、时钟同步、场景覆盖、设备基础信息；填写附录 C《路段视频云联网情况巡查表》</translation>
    </message>
    <message>
        <source>Security devices: alarms, security policy configuration, security event notices</source>
        <translation>安全设备：异常告警、安全策略配置、安全事件提示</translation>
    </message>
    <message>
        <source>Links in the section and to the provincial centre: packet loss, latency, bandwidth</source>
        <translation>路段内及往省中心的通信链路：丢包率、时延、带宽</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在载入…</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>巡查项目</translation>
    </message>
    <message>
        <source>What to check</source>
        <translation>检查内容</translation>
    </message>
    <message>
        <source>Problem found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>有问题</translation>
    </message>
    <message>
        <source>What is wrong (required for a problem)</source>
        <translation>问题描述（有问题时必填）</translation>
    </message>
    <message>
        <source>Overall note: what was inspected, pictures kept, repairs requested…</source>
        <translation>总体说明：巡查了什么、留存的图片、已报修的故障…</translation>
    </message>
    <message>
        <source>Telephone of the contact</source>
        <translation>联系人电话</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Telephone</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Equipment and links</source>
        <translation>设备与链路</translation>
    </message>
    <message>
        <source>Cameras (Appendix C table)</source>
        <translation>摄像机（路段视频云联网情况巡查表）</translation>
    </message>
    <message>
        <source>Record inspection</source>
        <translation>记录巡查</translation>
    </message>
    <message>
        <source>Overall note</source>
        <translation>总体说明</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Picture…</source>
        <translation>图片…</translation>
    </message>
    <message>
        <source>The picture was not kept: {error}</source>
        <translation>图片未能保存：{error}</translation>
    </message>
    <message>
        <source>Picture of {area}</source>
        <translation>{area}图片</translation>
    </message>
    <message>
        <source>Pictures ({patterns})</source>
        <translation>图片（{patterns}）</translation>
    </message>
    <message>
        <source>Fault {id} registered for {name}: response due by {time}</source>
        <translation>已为 {name} 登记故障 {id}：须在 {time} 前响应</translation>
    </message>
    <message>
        <source>The fault was not registered: {error}</source>
        <translation>故障未能登记：{error}</translation>
    </message>
    <message>
        <source>Answer every area; describe each problem found.</source>
        <translation>请逐项填写巡查结果，有问题的须说明。</translation>
    </message>
    <message>
        <source>Today {day}: {done} of {required} inspection(s) done</source>
        <translation>今天 {day}：应巡查 {required} 次，已完成 {done} 次</translation>
    </message>
    <message>
        <source> (major holiday {name}: three a day, one in each 8-hour window)</source>
        <translation>（重大节假日{name}：每日 3 次，每 8 小时至少 1 次）</translation>
    </message>
    <message>
        <source>; one is due by {time}</source>
        <translation>；本时段须在 {time} 前完成 1 次</translation>
    </message>
    <message>
        <source>; {count} missed</source>
        <translation>；已漏 {count} 次</translation>
    </message>
    <message>
        <source>The holiday calendar does not know this year yet: only the fixed-date holidays and the site&apos;s extra dates count.</source>
        <translation>节假日日历尚无今年的安排：仅按固定日期的节假日和本站补充的日期计算。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Inspection recorded</source>
        <translation>设备巡查已记录</translation>
    </message>
    <message>
        <source>Patrol records: {error}</source>
        <translation>巡查记录：{error}</translation>
    </message>
</context>
<context>
    <name>InspectionFollowUpDialog</name>
    <message>
        <source>Handling of inspection findings</source>
        <translation>巡查问题处理情况</translation>
    </message>
    <message>
        <source>Filter by pile, name or facility</source>
        <translation>按桩号、名称或设施筛选</translation>
    </message>
    <message>
        <source>Only cameras with a problem</source>
        <translation>只看有问题的摄像机</translation>
    </message>
    <message>
        <source>Save handling</source>
        <translation>保存处理情况</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>设备巡查</translation>
    </message>
    <message>
        <source>Write in the last column what the section repaired or plans to repair; F2 or Enter edits it. Each save is kept beside the inspection.</source>
        <translation>在最后一列填写路段已修复或计划修复的情况（F2 或回车编辑）。每次保存都与该次巡查一并留存。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Handling saved</source>
        <translation>处理情况已保存</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在载入…</translation>
    </message>
    <message>
        <source>{at} by {operator}: {cameras} cameras, {failed} with a problem</source>
        <translation>{at} {operator}：{cameras} 路摄像机，{failed} 路有问题</translation>
    </message>
    <message>
        <source>No inspection in the last month.</source>
        <translation>近一个月没有设备巡查记录。</translation>
    </message>
    <message>
        <source>Patrol records: {error}</source>
        <translation>巡查记录：{error}</translation>
    </message>
</context>
<context>
    <name>LayoutsAndTours</name>
    <message>
        <source>Save layout…</source>
        <translation>保存布局…</translation>
    </message>
    <message>
        <source>Open layout</source>
        <translation>打开布局</translation>
    </message>
    <message>
        <source>Delete layout</source>
        <translation>删除布局</translation>
    </message>
    <message>
        <source>New tour…</source>
        <translation>新建轮巡…</translation>
    </message>
    <message>
        <source>Tour across the wall</source>
        <translation>整墙轮巡</translation>
    </message>
    <message>
        <source>Stop tours</source>
        <translation>停止轮巡</translation>
    </message>
    <message>
        <source>Delete tour</source>
        <translation>删除轮巡</translation>
    </message>
    <message>
        <source>Save layout</source>
        <translation>保存布局</translation>
    </message>
    <message>
        <source>Layout name:</source>
        <translation>布局名称：</translation>
    </message>
    <message>
        <source>Layout not saved: type a name for it.</source>
        <translation>布局未保存：请输入布局名称。</translation>
    </message>
</context>
<context>
    <name>LiveStream</name>
    <message>
        <source>Connection timed out</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <source>The camera has been removed</source>
        <translation>摄像机已删除</translation>
    </message>
    <message>
        <source>The picture stalled</source>
        <translation>画面停滞</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Video Patrol Workstation</source>
        <translation>视频巡查工作站</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>Service: {address}</source>
        <translation>服务地址：{address}</translation>
    </message>
    <message>
        <source>Loading cameras…</source>
        <translation>正在加载摄像机目录…</translation>
    </message>
    <message>
        <source>A patrol round is under way; it continues at its next camera when the workstation starts again.</source>
        <translation>巡查正在进行中；关闭后，工作站再次启动时从下一路摄像机继续。</translation>
    </message>
    <message>
        <source>This workstation runs the site&apos;s video platform: closing it stops the video of every other workstation as well.</source>
        <translation>本工作站运行着本站的视频平台服务：关闭后，其他工作站也将无法观看视频。</translation>
    </message>
    <message>
        <source>Close the workstation</source>
        <translation>关闭工作站</translation>
    </message>
    <message>
        <source>Close the workstation?</source>
        <translation>确定要关闭工作站吗？</translation>
    </message>
    <message>
        <source>Not in the camera directory</source>
        <translation>摄像机已不在目录中</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>画面布局</translation>
    </message>
    <message>
        <source>Reload cameras</source>
        <translation>刷新目录</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Wall</source>
        <translation>画面</translation>
    </message>
    <message>
        <source>Second wall window</source>
        <translation>第二画面窗口（大屏）</translation>
    </message>
    <message>
        <source>Start time and frames in tiles</source>
        <translation>显示首帧时间和帧数</translation>
    </message>
    <message>
        <source>Open snapshot folder</source>
        <translation>打开抓图文件夹</translation>
    </message>
    <message>
        <source>Tours</source>
        <translation>轮巡</translation>
    </message>
    <message>
        <source>Cameras: {count} (platform not answering: states unknown)</source>
        <translation>摄像机 {count} 台（视频平台无应答，在线情况未知）</translation>
    </message>
    <message>
        <source>Cameras: {count} ({online} online)</source>
        <translation>摄像机 {count} 台（在线 {online} 台）</translation>
    </message>
    <message>
        <source>The video platform answers again</source>
        <translation>视频平台已恢复</translation>
    </message>
    <message>
        <source>Cannot load the camera list: {error}</source>
        <translation>无法加载摄像机目录：{error}</translation>
    </message>
    <message>
        <source>No camera list</source>
        <translation>无摄像机目录</translation>
    </message>
</context>
<context>
    <name>MovementPad</name>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Hold to turn diagonally (two arrow keys)</source>
        <translation>按住斜向转动（同时按两个方向键）</translation>
    </message>
    <message>
        <source>Hold to turn (arrow keys)</source>
        <translation>按住转动（方向键）</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>变倍</translation>
    </message>
    <message>
        <source>Zoom out (-)</source>
        <translation>变倍短（-）</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>变倍长（+）</translation>
    </message>
    <message>
        <source>Focus</source>
        <translation>聚焦</translation>
    </message>
    <message>
        <source>Near</source>
        <translation>近</translation>
    </message>
    <message>
        <source>Far</source>
        <translation>远</translation>
    </message>
    <message>
        <source>Iris</source>
        <translation>光圈</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>小</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>大</translation>
    </message>
    <message>
        <source>Hold to change</source>
        <translation>按住调节</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>灯光</translation>
    </message>
    <message>
        <source>On</source>
        <translation>开</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关</translation>
    </message>
</context>
<context>
    <name>OrderList</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>路段</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>指标值</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Raised (Beijing)</source>
        <translation>下发时间（北京时间）</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>情况说明</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Record work order…</source>
        <translation>登记工单…</translation>
    </message>
    <message>
        <source>Feedback or close…</source>
        <translation>反馈或关闭…</translation>
    </message>
    <message>
        <source>Work order {number}: {section}, {indicator} {value}, now {state}</source>
        <translation>工单 {number}：{section}，{indicator} {value}，当前{state}</translation>
    </message>
    <message>
        <source>Work order feedback</source>
        <translation>工单反馈</translation>
    </message>
    <message>
        <source>{open} open, {overdue} overdue for feedback</source>
        <translation>未关闭 {open} 张，反馈超时 {overdue} 张</translation>
    </message>
</context>
<context>
    <name>PatrolDesk</name>
    <message>
        <source>Patrols</source>
        <translation>视频巡查</translation>
    </message>
    <message>
        <source>Start patrol</source>
        <translation>开始巡查</translation>
    </message>
    <message>
        <source>Open events</source>
        <translation>未结束的事件</translation>
    </message>
    <message>
        <source>Shift handover…</source>
        <translation>交接班…</translation>
    </message>
    <message>
        <source>Accept handover…</source>
        <translation>接班确认…</translation>
    </message>
    <message>
        <source>Equipment inspection…</source>
        <translation>设备巡查…</translation>
    </message>
    <message>
        <source>Handling of inspection findings…</source>
        <translation>巡查问题处理情况…</translation>
    </message>
    <message>
        <source>Patrol lists and weather warnings…</source>
        <translation>巡查清单与气象预警…</translation>
    </message>
    <message>
        <source>Checklists…</source>
        <translation>巡查内容清单…</translation>
    </message>
    <message>
        <source>Patrol record saved</source>
        <translation>巡查记录已保存</translation>
    </message>
    <message>
        <source>No open event</source>
        <translation>没有未结束的事件</translation>
    </message>
    <message>
        <source>Video Patrol Workstation</source>
        <translation>视频巡查工作站</translation>
    </message>
</context>
<context>
    <name>PatrolListsDialog</name>
    <message>
        <source>Patrol lists and weather warnings</source>
        <translation>巡查清单与气象预警</translation>
    </message>
    <message>
        <source>Patrol lists</source>
        <translation>巡查清单</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Weather warnings</source>
        <translation>气象预警</translation>
    </message>
    <message>
        <source>Filter by name, pile, section or site</source>
        <translation>按名称、桩号、路段或场所筛选</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>Pile</source>
        <translation>桩号</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>路段</translation>
    </message>
    <message>
        <source>Site type</source>
        <translation>场所类型</translation>
    </message>
    <message>
        <source>Daily patrol</source>
        <translation>日常巡查</translation>
    </message>
    <message>
        <source>Key patrol</source>
        <translation>重点巡查</translation>
    </message>
    <message>
        <source>On the lists since</source>
        <translation>纳入巡查时间</translation>
    </message>
    <message>
        <source>Reason for the change (kept with it)</source>
        <translation>修改原因（随修改记录保存）</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <source>Every camera is on the daily list (every 2 h) unless excluded; tunnels, viaducts, ramps and construction sections belong on the key list (hourly). Double-click a site type to change it.</source>
        <translation>除排除的摄像机外，所有摄像机均列入日常巡查（每 2 小时）；隧道、高架桥、匝道出入口和施工路段应列入重点巡查（每小时）。双击场所类型可修改。</translation>
    </message>
    <message>
        <source>Changed at</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>not yet on the lists</source>
        <translation>尚未纳入巡查</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>{count} camera(s) changed, not saved</source>
        <translation>{count} 台摄像机已修改，未保存</translation>
    </message>
    <message>
        <source>Changes saved</source>
        <translation>修改已保存</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Patrol records: {error}</source>
        <translation>巡查记录：{error}</translation>
    </message>
</context>
<context>
    <name>PatrolRoundPanel</name>
    <message>
        <source>A patrol round is already running.</source>
        <translation>已有一轮巡查正在进行。</translation>
    </message>
    <message>
        <source>The patrol lists are still loading; try again in a moment.</source>
        <translation>巡查清单仍在加载，请稍后再试。</translation>
    </message>
    <message>
        <source>No camera is due for patrol: there is no round to walk.</source>
        <translation>当前没有待巡查的摄像机，无需开始巡查。</translation>
    </message>
    <message>
        <source>An anomaly needs at least one checklist item or a note.</source>
        <translation>记录异常须至少勾选一个检查项或填写说明。</translation>
    </message>
    <message>
        <source>The video platform cannot be reached: the round waits until it is back.</source>
        <translation>视频平台无法连接：巡查暂停，平台恢复后继续。</translation>
    </message>
    <message>
        <source>Items are ticked or a note is written: record an anomaly (Ctrl+Enter), or clear them for normal.</source>
        <translation>已勾选检查项或填写了说明：请记录异常（Ctrl+Enter），或清除后再记为正常。</translation>
    </message>
    <message>
        <source>Your open round continues; close it before starting another.</source>
        <translation>继续您未结束的一轮巡查；结束后才能开始新的一轮。</translation>
    </message>
    <message>
        <source>Recorded without the snapshot, which could not be saved: {error}</source>
        <translation>已记录，但抓图未能保存：{error}</translation>
    </message>
    <message>
        <source>Video fault of {camera} registered ({kind}); the camera directory marks it.</source>
        <translation>已登记 {camera} 的视频故障（{kind}），摄像机目录中已标出。</translation>
    </message>
    <message>
        <source>Round closed; its patrol record is written.</source>
        <translation>本轮巡查已结束，巡查记录已生成。</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>未能保存：{error}</translation>
    </message>
</context>
<context>
    <name>PlatformWatch</name>
    <message>
        <source>The video platform cannot be reached: its service stopped and is being restarted (attempt {attempt})…</source>
        <translation>视频平台无法连接：平台服务已停止，正在重新启动（第 {attempt} 次）…</translation>
    </message>
    <message>
        <source>The video platform cannot be reached; retrying…</source>
        <translation>视频平台无法连接，正在重试…</translation>
    </message>
    <message>
        <source>The video platform reports a failure: {problem}; retrying…</source>
        <translation>视频平台故障：{problem}，正在重试…</translation>
    </message>
</context>
<context>
    <name>PresetList</name>
    <message>
        <source>Presets</source>
        <translation>预置位</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Enter or double-click: go to the preset; F2: rename</source>
        <translation>回车或双击：调用预置位；F2：改名</translation>
    </message>
    <message>
        <source>Go to</source>
        <translation>调用</translation>
    </message>
    <message>
        <source>Store view</source>
        <translation>设为预置位</translation>
    </message>
    <message>
        <source>Name of the view</source>
        <translation>画面名称</translation>
    </message>
    <message>
        <source>All {count} presets are stored</source>
        <translation>{count} 个预置位已全部存满</translation>
    </message>
    <message>
        <source>Store what the camera shows now under this number</source>
        <translation>将摄像机当前画面存为此编号的预置位</translation>
    </message>
    <message>
        <source>All {count} presets are stored: rename one instead</source>
        <translation>{count} 个预置位已全部存满：请改名重用已有预置位</translation>
    </message>
    <message>
        <source>Give the preset a name.</source>
        <translation>请填写预置位名称。</translation>
    </message>
    <message>
        <source>A preset&apos;s name has at most {count} characters.</source>
        <translation>预置位名称最多 {count} 个字符。</translation>
    </message>
</context>
<context>
    <name>PresetPatrolBox</name>
    <message>
        <source>Preset patrol</source>
        <translation>预置位巡查</translation>
    </message>
    <message>
        <source>Next preset (Ctrl+Right)</source>
        <translation>下一个预置位 (Ctrl+→)</translation>
    </message>
    <message>
        <source>Cannot read the preset patrols: {error}</source>
        <translation>无法读取预置位巡查：{error}</translation>
    </message>
    <message>
        <source>Stopped: the camera stays where it is.</source>
        <translation>已停止：摄像机停在当前位置。</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>重新巡查</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Presets seen: {seen} of {total}</source>
        <translation>已看预置位：{seen}/{total}</translation>
    </message>
</context>
<context>
    <name>PresetPatrolDialog</name>
    <message>
        <source>Preset patrols: {camera}</source>
        <translation>预置位巡查：{camera}</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>e.g. toll plaza round</source>
        <translation>例如：收费广场一圈</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预置位</translation>
    </message>
    <message>
        <source>Dwell</source>
        <translation>停留时间</translation>
    </message>
    <message>
        <source>Add preset</source>
        <translation>添加预置位</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Presets in order</source>
        <translation>预置位（按顺序）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>The camera has no stored presets yet: store them from the PTZ panel, then make a patrol of them.</source>
        <translation>该摄像机还没有预置位：请先在云台面板中设置预置位，再编排巡查。</translation>
    </message>
    <message>
        <source>{number} (not stored)</source>
        <translation>{number}（未设置）</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>{count} presets, one round {seconds:g} s</source>
        <translation>{count} 个预置位，巡查一圈 {seconds:g} 秒</translation>
    </message>
</context>
<context>
    <name>PresetPatrolPlayer</name>
    <message>
        <source>Preset {number} {name} ({current}/{total})</source>
        <translation>预置位 {number} {name}（{current}/{total}）</translation>
    </message>
    <message>
        <source>Preset {number} ({current}/{total})</source>
        <translation>预置位 {number}（{current}/{total}）</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>{pages} pages</source>
        <translation>共 {pages} 页</translation>
    </message>
    <message>
        <source>Cannot show the PDF</source>
        <translation>无法显示该 PDF</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Cannot save {path}</source>
        <translation>无法保存 {path}</translation>
    </message>
</context>
<context>
    <name>PtzAuditDialog</name>
    <message>
        <source>PTZ log</source>
        <translation>云台操作日志</translation>
    </message>
    <message>
        <source>Up to now</source>
        <translation>至今</translation>
    </message>
    <message>
        <source>All cameras</source>
        <translation>全部摄像机</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>全部结果</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Time (Beijing time)</source>
        <translation>时间（北京时间）</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>The end of the range must come after its start.</source>
        <translation>结束时间应晚于开始时间。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <source>The newest {count} operations; narrow the search to see older ones.</source>
        <translation>仅显示最新的 {count} 条操作，缩小查询范围可查看更早的记录。</translation>
    </message>
    <message>
        <source>{count} operations, newest first.</source>
        <translation>共 {count} 条操作，最新的在前。</translation>
    </message>
    <message>
        <source>No PTZ operation matches.</source>
        <translation>没有符合条件的云台操作。</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
</context>
<context>
    <name>PtzAuditModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预置位</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Go to preset</source>
        <translation>调用预置位</translation>
    </message>
    <message>
        <source>Store preset</source>
        <translation>设置预置位</translation>
    </message>
    <message>
        <source>Release control</source>
        <translation>释放控制</translation>
    </message>
</context>
<context>
    <name>PtzMenu</name>
    <message>
        <source>PTZ</source>
        <translation>云台</translation>
    </message>
    <message>
        <source>PTZ panel</source>
        <translation>云台控制面板</translation>
    </message>
    <message>
        <source>Hide PTZ panel</source>
        <translation>隐藏云台控制面板</translation>
    </message>
    <message>
        <source>Preset patrols of the PTZ panel&apos;s camera…</source>
        <translation>云台面板当前摄像机的预置位巡查…</translation>
    </message>
    <message>
        <source>PTZ log…</source>
        <translation>云台操作日志…</translation>
    </message>
    <message>
        <source>Select a tile showing a controllable camera first</source>
        <translation>请先选择正在显示可控摄像机的画面</translation>
    </message>
</context>
<context>
    <name>PtzPanel</name>
    <message>
        <source>No preset {number} is stored for this camera.</source>
        <translation>该摄像机没有 {number} 号预置位。</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>释放</translation>
    </message>
    <message>
        <source>Give the camera up now, so that others need not wait</source>
        <translation>立即释放控制权，其他人无需等待</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>未选择摄像机</translation>
    </message>
    <message>
        <source>Select a tile that shows a camera.</source>
        <translation>请选择一个正在显示摄像机的画面。</translation>
    </message>
    <message>
        <source>Free: nobody controls this camera</source>
        <translation>空闲：无人控制该摄像机</translation>
    </message>
    <message>
        <source>You control this camera</source>
        <translation>您正在控制该摄像机</translation>
    </message>
    <message>
        <source>Controlled by {name} ({level}, {source})</source>
        <translation>{name}（{level}，{source}）正在控制</translation>
    </message>
    <message>
        <source>This camera has no pan-tilt head: it cannot be controlled.</source>
        <translation>该摄像机没有云台，不能控制。</translation>
    </message>
    <message>
        <source>{name} ({level}) took this camera over from you</source>
        <translation>{name}（{level}）已接管该摄像机的控制</translation>
    </message>
    <message>
        <source>Preset {number} stored</source>
        <translation>已设置 {number} 号预置位</translation>
    </message>
    <message>
        <source>Choose a preset in the list.</source>
        <translation>请在列表中选择预置位。</translation>
    </message>
</context>
<context>
    <name>PtzWiring</name>
    <message>
        <source>PTZ</source>
        <translation>云台</translation>
    </message>
    <message>
        <source>PTZ of {camera}: {message}</source>
        <translation>{camera} 云台：{message}</translation>
    </message>
</context>
<context>
    <name>QtMultimediaPlayer</name>
    <message>
        <source>The stream cannot be opened or read</source>
        <translation>无法打开或读取视频流</translation>
    </message>
    <message>
        <source>Network error</source>
        <translation>网络错误</translation>
    </message>
    <message>
        <source>Unsupported stream format</source>
        <translation>不支持的视频流格式</translation>
    </message>
    <message>
        <source>The stream ended</source>
        <translation>视频流已结束</translation>
    </message>
</context>
<context>
    <name>RecordDetails</name>
    <message>
        <source>Select a record to see it whole.</source>
        <translation>选择一条记录以查看详情。</translation>
    </message>
</context>
<context>
    <name>RecordTab</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>RegisterFaultDialog</name>
    <message>
        <source>Register a video fault</source>
        <translation>登记视频故障</translation>
    </message>
    <message>
        <source>Pile or camera name</source>
        <translation>桩号或摄像机名称</translation>
    </message>
    <message>
        <source>What is wrong, where, since when…</source>
        <translation>故障现象、位置、开始时间…</translation>
    </message>
    <message>
        <source>Camera:</source>
        <translation>摄像机：</translation>
    </message>
    <message>
        <source>Fault:</source>
        <translation>故障类型：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <source>Choose the camera</source>
        <translation>请选择摄像机</translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message>
        <source>{count} cameras due for patrol</source>
        <translation>{count} 路摄像机待巡查</translation>
    </message>
    <message>
        <source>{count} cameras overdue for patrol</source>
        <translation>{count} 路摄像机巡查超时</translation>
    </message>
    <message>
        <source>{summary}: {cameras}</source>
        <translation>{summary}：{cameras}</translation>
    </message>
    <message>
        <source>Patrol reminder</source>
        <translation>巡查提醒</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source> and {count} more</source>
        <translation> 等，另有 {count} 路</translation>
    </message>
</context>
<context>
    <name>ReportWindow</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Patrol report</source>
        <translation>视频巡查报表</translation>
    </message>
    <message>
        <source>Section video inspection table (Appendix C)</source>
        <translation>路段视频云联网情况巡查表</translation>
    </message>
    <message>
        <source>Fault report</source>
        <translation>视频故障报表</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Shift from {start}</source>
        <translation>{start} 起的班次</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>路段名称</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Generated.</source>
        <translation>已生成。</translation>
    </message>
    <message>
        <source>The report was generated but cannot be shown.</source>
        <translation>报表已生成，但无法显示。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Cannot generate the report: {error}</source>
        <translation>无法生成报表：{error}</translation>
    </message>
</context>
<context>
    <name>ReportsMenu</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Reports…</source>
        <translation>报表…</translation>
    </message>
</context>
<context>
    <name>SubmissionPanel</name>
    <message>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Send the report (PDF and data) to the video-cloud management unit</source>
        <translation>将报表（PDF 及数据）提交视频云联网管理单位</translation>
    </message>
    <message>
        <source>Refresh reviews</source>
        <translation>刷新复核情况</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>复核情况</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>复核人</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>已复核</translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <source>Submitted at</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Review time</source>
        <translation>复核时间</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Refused: {reason}</source>
        <translation>被拒收：{reason}</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <source>Waiting to be sent (tried {count} times: {reason})</source>
        <translation>等待发送（已尝试 {count} 次：{reason}）</translation>
    </message>
    <message>
        <source>The reviews cannot be read now: {problem}</source>
        <translation>暂时无法读取复核情况：{problem}</translation>
    </message>
    <message>
        <source>The report is in the outbox; it is sent as soon as the platform answers.</source>
        <translation>报表已放入发件箱，平台应答后即发送。</translation>
    </message>
    <message>
        <source>Period: {period}</source>
        <translation>期间：{period}</translation>
    </message>
    <message>
        <source>Submitted at: {time}</source>
        <translation>提交时间：{time}</translation>
    </message>
    <message>
        <source>State: {state}</source>
        <translation>状态：{state}</translation>
    </message>
    <message>
        <source>Review: {text}</source>
        <translation>复核情况：{text}</translation>
    </message>
    <message>
        <source>Reviewer: {name}, at {time}</source>
        <translation>复核人：{name}&#x3000;复核时间：{time}</translation>
    </message>
    <message>
        <source>The report cannot be submitted: {error}</source>
        <translation>报表无法提交：{error}</translation>
    </message>
</context>
<context>
    <name>Tile</name>
    <message>
        <source>Stream grade</source>
        <translation>码流</translation>
    </message>
    <message>
        <source>Automatic ({grade})</source>
        <translation>自动（{grade}）</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>抓图</translation>
    </message>
    <message>
        <source>Back to the wall (Esc)</source>
        <translation>返回多画面（Esc）</translation>
    </message>
    <message>
        <source>Enlarge (Enter)</source>
        <translation>全屏（Enter）</translation>
    </message>
    <message>
        <source>Tour</source>
        <translation>轮巡</translation>
    </message>
    <message>
        <source>PTZ</source>
        <translation>云台</translation>
    </message>
    <message>
        <source>Register a video fault…</source>
        <translation>登记视频故障…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭画面</translation>
    </message>
    <message>
        <source>No saved tours</source>
        <translation>没有已保存的轮巡</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Stop tour</source>
        <translation>停止轮巡</translation>
    </message>
    <message>
        <source>PTZ (not controllable)</source>
        <translation>云台（不可控制）</translation>
    </message>
    <message>
        <source>PTZ panel…</source>
        <translation>云台控制面板…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Light on</source>
        <translation>开灯</translation>
    </message>
    <message>
        <source>Light off</source>
        <translation>关灯</translation>
    </message>
    <message>
        <source>Release control</source>
        <translation>释放控制</translation>
    </message>
    <message>
        <source>Chosen by the operator</source>
        <translation>由值班员选择</translation>
    </message>
    <message>
        <source>Chosen by the wall for the tile size</source>
        <translation>按画面大小自动选择</translation>
    </message>
    <message>
        <source>start {seconds} s · {frames} frames</source>
        <translation>首帧 {seconds} 秒 · {frames} 帧</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>Playing</source>
        <translation>播放中</translation>
    </message>
    <message>
        <source>No signal</source>
        <translation>无信号</translation>
    </message>
    <message>
        <source>Double-click a camera in the directory or drag it here</source>
        <translation>双击左侧目录中的摄像机，或将其拖放到此处</translation>
    </message>
    <message>
        <source>No signal: {reason}</source>
        <translation>无信号：{reason}</translation>
    </message>
    <message>
        <source>Reconnecting (attempt {attempt})…</source>
        <translation>正在重连（第 {attempt} 次）…</translation>
    </message>
</context>
<context>
    <name>TourDialog</name>
    <message>
        <source>New tour</source>
        <translation>新建轮巡</translation>
    </message>
    <message>
        <source>e.g. night key points</source>
        <translation>例如：夜间重点</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Cameras (tick, drag to order)</source>
        <translation>摄像机（勾选，拖动排序）</translation>
    </message>
    <message>
        <source>Selected camera shows</source>
        <translation>选中的摄像机显示</translation>
    </message>
    <message>
        <source>Dwell per camera</source>
        <translation>每台停留</translation>
    </message>
    <message>
        <source>{camera} — preset patrol {name}</source>
        <translation>{camera} — 预置位巡查 {name}</translation>
    </message>
    <message>
        <source>The camera as it points</source>
        <translation>摄像机当前画面</translation>
    </message>
    <message>
        <source>Preset patrol: {name} ({seconds:g} s)</source>
        <translation>预置位巡查：{name}（{seconds:g} 秒）</translation>
    </message>
</context>
<context>
    <name>TourPlayer</name>
    <message>
        <source>Tour {name} {current}/{total}</source>
        <translation>轮巡 {name} {current}/{total}</translation>
    </message>
    <message>
        <source>Tour {name} page {current}/{total}</source>
        <translation>轮巡 {name} 第 {current}/{total} 页</translation>
    </message>
    <message>
        <source>{tour} (paused)</source>
        <translation>{tour}（已暂停）</translation>
    </message>
    <message>
        <source>{tour}, {preset}</source>
        <translation>{tour}，{preset}</translation>
    </message>
</context>
<context>
    <name>TransitionDialog</name>
    <message>
        <source>New state:</source>
        <translation>变更为：</translation>
    </message>
    <message>
        <source>{label} (required)</source>
        <translation>{label}（必填）</translation>
    </message>
</context>
<context>
    <name>VideoWall</name>
    <message>
        <source>Single view</source>
        <translation>单画面</translation>
    </message>
    <message>
        <source>Four views</source>
        <translation>四画面</translation>
    </message>
    <message>
        <source>Nine views</source>
        <translation>九画面</translation>
    </message>
    <message>
        <source>Sixteen views</source>
        <translation>十六画面</translation>
    </message>
</context>
<context>
    <name>VlcPlayer</name>
    <message>
        <source>The stream cannot be opened or read</source>
        <translation>无法打开或读取视频流</translation>
    </message>
    <message>
        <source>The stream ended</source>
        <translation>视频流已结束</translation>
    </message>
    <message>
        <source>No picture from the stream</source>
        <translation>视频流没有画面</translation>
    </message>
    <message>
        <source>The stream stalled</source>
        <translation>视频流停滞</translation>
    </message>
</context>
<context>
    <name>WallWindow</name>
    <message>
        <source>Video wall (second screen)</source>
        <translation>视频墙（第二屏）</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>画面布局</translation>
    </message>
</context>
<context>
    <name>Walls</name>
    <message>
        <source>Snapshot saved: {path}</source>
        <translation>抓图已保存：{path}</translation>
    </message>
    <message>
        <source>Cannot save the snapshot: {error}</source>
        <translation>无法保存抓图：{error}</translation>
    </message>
</context>
<context>
    <name>WeatherWarningsTab</name>
    <message>
        <source>Section</source>
        <translation>路段</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>预警级别</translation>
    </message>
    <message>
        <source>Hazard</source>
        <translation>灾害种类</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>End now</source>
        <translation>立即结束</translation>
    </message>
    <message>
        <source>Ends at</source>
        <translation>结束于</translation>
    </message>
    <message>
        <source>Add warning</source>
        <translation>登记预警</translation>
    </message>
    <message>
        <source>Starts (Beijing time)</source>
        <translation>开始时间（北京时间）</translation>
    </message>
    <message>
        <source>Orange and red warnings put the section&apos;s cameras on hourly patrol for as long as they last, with the weather checklist of their hazard.</source>
        <translation>橙色及以上预警生效期间，该路段摄像机按每小时一次巡查，并增加相应天气的检查项。</translation>
    </message>
    <message>
        <source>until ended</source>
        <translation>至解除</translation>
    </message>
    <message>
        <source>Choose a section</source>
        <translation>请选择路段</translation>
    </message>
    <message>
        <source>The end must be after the start</source>
        <translation>结束时间应晚于开始时间</translation>
    </message>
    <message>
        <source>Warning recorded</source>
        <translation>预警已登记</translation>
    </message>
    <message>
        <source>Warning ended</source>
        <translation>预警已结束</translation>
    </message>
</context>
<context>
    <name>WorkOrderDialog</name>
    <message>
        <source>Record a work order</source>
        <translation>登记工单</translation>
    </message>
    <message>
        <source>e.g. 92.5%</source>
        <translation>例如 92.5%</translation>
    </message>
    <message>
        <source>The management unit&apos;s number, if any</source>
        <translation>联网管理单位的工单编号（如有）</translation>
    </message>
    <message>
        <source>Section:</source>
        <translation>路段：</translation>
    </message>
    <message>
        <source>Indicator:</source>
        <translation>不合格指标：</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>指标值：</translation>
    </message>
    <message>
        <source>Order number:</source>
        <translation>工单号：</translation>
    </message>
    <message>
        <source>Raised at (Beijing time):</source>
        <translation>下发时间（北京时间）：</translation>
    </message>
    <message>
        <source>Details:</source>
        <translation>情况说明：</translation>
    </message>
    <message>
        <source>No road section in the camera directory</source>
        <translation>摄像机目录中没有路段</translation>
    </message>
</context>
<context>
    <name>run_gui</name>
    <message>
        <source>Cannot read the handling lists</source>
        <translation>无法读取处置单位、情报板和预案清单</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
</context>
</TS>
