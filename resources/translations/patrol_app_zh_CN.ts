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
    <message>
        <source>Reload cameras</source>
        <translation>刷新目录</translation>
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
</context>
</TS>
