<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CameraTree</name>
    <message>
        <source>Search by name or pile number</source>
        <translation>按名称或桩号搜索</translation>
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
        <source>No signal on the wall: {reason}</source>
        <translation>画面无信号：{reason}</translation>
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
        <source>Service: {address}</source>
        <translation>服务地址：{address}</translation>
    </message>
    <message>
        <source>Loading cameras…</source>
        <translation>正在加载摄像机目录…</translation>
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
        <source>Wall</source>
        <translation>画面</translation>
    </message>
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
        <source>Cameras: {count} ({online} online)</source>
        <translation>摄像机 {count} 台（在线 {online} 台）</translation>
    </message>
    <message>
        <source>Cannot load the camera list: {error}</source>
        <translation>无法加载摄像机目录：{error}</translation>
    </message>
    <message>
        <source>No camera list</source>
        <translation>无摄像机目录</translation>
    </message>
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
        <source>Dwell per camera</source>
        <translation>每台停留</translation>
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
    <name>run_gui</name>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
</context>
</TS>
