<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditSection</name>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>All staff</source>
        <translation>全部员工</translation>
    </message>
    <message>
        <source>%1 entries (newest first)</source>
        <translation>共 %1 条（最新的在前）</translation>
    </message>
    <message>
        <source>%1 entries exported to %2</source>
        <translation>已导出 %1 条到 %2</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>导出操作日志</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV……</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>BackupSection</name>
    <message>
        <source>Backup made: %1</source>
        <translation>备份完成：%1</translation>
    </message>
    <message>
        <source>Choose a backup first.</source>
        <translation>请先选择一个备份。</translation>
    </message>
    <message>
        <source>Restore the backup of %1?

The window closes, the current data is saved as a backup first, and everything recorded after that backup is set aside. Then sign in again.</source>
        <translation>要恢复 %1 的备份吗？

窗口会关闭，当前数据先另存为一个备份，该备份之后记录的内容会被搁置。然后请重新登录。</translation>
    </message>
    <message>
        <source>Second backup folder saved.</source>
        <translation>第二备份位置已保存。</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Second backup folder</source>
        <translation>第二备份位置</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore this backup…</source>
        <translation>恢复这个备份……</translation>
    </message>
    <message>
        <source>Second folder (USB stick):</source>
        <translation>第二备份位置（U盘）：</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择……</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>A backup is made every day when the app starts, kept for 7 days and then one a week for 4 weeks, and copied to the second folder when it is there.</source>
        <translation>每天启动时自动备份，保留最近 7 天，之前的每周保留一份、共 4 周；插着U盘时也复制到第二备份位置。</translation>
    </message>
</context>
<context>
    <name>OwnerGate</name>
    <message>
        <source>Only the owner can use this part (%1). The owner can approve it here with their PIN.</source>
        <translation>这部分（%1）只有店主可以使用。店主可以在这里输入密码批准。</translation>
    </message>
    <message>
        <source>Owner approves</source>
        <translation>店主批准</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language of the window. It changes at once and is kept for the next start.</source>
        <translation>界面语言。立即生效，下次启动时保持不变。</translation>
    </message>
    <message>
        <source>Approved by %1.</source>
        <translation>已由 %1 批准。</translation>
    </message>
    <message>
        <source>The setting could not be saved: the data folder cannot be written.</source>
        <translation>设置无法保存：数据文件夹不能写入。</translation>
    </message>
    <message>
        <source>Language saved.</source>
        <translation>语言已保存。</translation>
    </message>
</context>
<context>
    <name>StaffSection</name>
    <message>
        <source>active</source>
        <translation>在职</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>set</source>
        <translation>已设置</translation>
    </message>
    <message>
        <source>none</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>%1 was added.</source>
        <translation>已添加 %1。</translation>
    </message>
    <message>
        <source>%1: name and roles saved.</source>
        <translation>%1：姓名和角色已保存。</translation>
    </message>
    <message>
        <source>Type the new PIN in the PIN field first.</source>
        <translation>请先在密码栏输入新密码。</translation>
    </message>
    <message>
        <source>%1 has a new PIN.</source>
        <translation>%1 的密码已重置。</translation>
    </message>
    <message>
        <source>%1 is unlocked.</source>
        <translation>%1 已解锁。</translation>
    </message>
    <message>
        <source>%1 is deactivated (kept in the records).</source>
        <translation>%1 已停用（记录仍保留）。</translation>
    </message>
    <message>
        <source>%1 is active again.</source>
        <translation>%1 已重新启用。</translation>
    </message>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>店员</translation>
    </message>
    <message>
        <source>Group leader</source>
        <translation>团长</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Save name and roles</source>
        <translation>保存姓名和角色</translation>
    </message>
    <message>
        <source>Reset PIN</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Staff are never deleted: their sales keep their name. A PIN is 4 to 6 digits; 1111 or 1234 are refused.</source>
        <translation>员工不会被删除：他们的销售记录保留姓名。密码是4到6位数字，1111、1234 这类不能用。</translation>
    </message>
</context>
</TS>
