//! The console's own texts in English and 简体中文. Error messages and rule messages come from
//! the contract crate, which speaks both languages too.

use dws_contract::Lang;
use leptos::prelude::*;

macro_rules! texts {
    ( $( $(#[$doc:meta])* $key:ident => ($en:literal, $zh:literal), )+ ) => {
        /// A text of the console.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Text {
            $( $(#[$doc])* $key, )+
        }

        impl Text {
            /// Every text, for tests.
            pub const ALL: &'static [Text] = &[ $( Text::$key, )+ ];

            /// The text in a language.
            pub fn get(self, lang: Lang) -> &'static str {
                match self {
                    $( Text::$key => lang.pick($en, $zh), )+
                }
            }
        }
    };
}

texts! {
    ProductName => ("DWS Console", "DWS 控制台"),
    ProductTagline => ("GaussDB(DWS) data warehouse console", "GaussDB(DWS) 数据仓库控制台"),
    SkipToContent => ("Skip to content", "跳到主要内容"),
    MainNavigation => ("Main navigation", "主导航"),
    NavClusters => ("Clusters", "集群"),
    NavSnapshots => ("Snapshots", "快照"),
    NavNodeTypes => ("Node types", "节点类型"),
    Language => ("Language", "语言"),
    SignIn => ("Sign in", "登录"),
    SignInTitle => ("Sign in to GaussDB(DWS)", "登录 GaussDB(DWS)"),
    SignInLead => (
        "Use your IAM user. The token stays in this browser tab only.",
        "使用 IAM 用户登录。令牌只保存在当前浏览器标签页中。"
    ),
    AccountName => ("Account name", "帐号名"),
    AccountHint => ("The account (domain) your IAM user belongs to.", "IAM 用户所属的帐号（domain）。"),
    IamUserName => ("IAM user name", "IAM 用户名"),
    Password => ("Password", "密码"),
    Project => ("Project", "项目"),
    ProjectHint => (
        "A region name such as ae-ad-1, or a 32-character project ID.",
        "区域名称（如 ae-ad-1）或 32 位项目 ID。"
    ),
    Region => ("Region", "区域"),
    ShowPassword => ("Show password", "显示密码"),
    FixErrors => ("Check the highlighted fields.", "请检查标出的字段。"),
    SignInMethod => ("How to sign in", "登录方式"),
    PasswordTab => ("IAM user", "IAM 用户"),
    TokenTab => ("Token", "令牌（Token）"),
    SigningIn => ("Signing in…", "正在登录…"),
    SignOut => ("Sign out", "退出"),
    SignedOut => ("You have signed out.", "您已退出登录。"),
    SessionExpired => (
        "Your sign-in has expired. Sign in again to go on where you were.",
        "登录已过期。重新登录后将回到之前的页面。"
    ),
    SessionRefused => (
        "The service no longer accepts your token. Sign in again to go on where you were.",
        "服务已不再接受您的 Token。重新登录后将回到之前的页面。"
    ),
    TokenWithoutProject => (
        "IAM issued a token without a project. Sign in with a project name or ID.",
        "IAM 返回的 Token 未限定项目。请填写项目名称或项目 ID 后重新登录。"
    ),
    Token => ("Token", "令牌（Token）"),
    TokenHint => (
        "An IAM token scoped to a project, e.g. from an SDK or hcloud. It stays in this tab only.",
        "限定到项目的 IAM Token（例如从 SDK 或 hcloud 获取），只保存在当前标签页中。"
    ),
    TokenRequired => ("Paste a token.", "请粘贴 Token。"),
    ProjectId => ("Project ID", "项目 ID"),
    ProjectIdNeeded => ("Enter the 32-character project ID the token is scoped to.", "请输入 Token 所属项目的 32 位项目 ID。"),
    UseToken => ("Use this token", "使用此 Token"),
    PastedToken => ("Token user", "Token 用户"),
    TimeLeft => ("Expires in", "剩余有效期"),
    ExpiryUnknown => ("Expiry unknown", "有效期未知"),
    MissingAction => ("Missing IAM permission:", "缺少 IAM 权限："),
    ServerSaid => ("The service said:", "服务返回："),
    RequestId => ("Request ID:", "请求 ID："),
    Updated => ("Updated", "更新于"),
    Refresh => ("Refresh", "刷新"),
    Refreshing => ("Refreshing…", "正在刷新…"),
    RetryingIn => ("Retrying in", "重试倒计时"),
    ConnectionTrouble => ("Cannot reach the service; showing the last data.", "无法连接服务，当前显示的是最近一次的数据。"),
    Loading => ("Loading…", "加载中…"),
    NoClusters => ("There are no clusters in this project yet.", "此项目中还没有集群。"),
    NoMatch => ("No cluster matches the search and filter.", "没有符合搜索和筛选条件的集群。"),
    NoSnapshots => ("This cluster has no snapshots.", "此集群没有快照。"),
    NoSnapshotsInProject => ("There are no snapshots in this project yet.", "此项目中还没有快照。"),
    CreateCluster => ("Create cluster", "创建集群"),
    Creating => ("Creating…", "正在创建…"),
    SearchByName => ("Search by name", "按名称搜索"),
    Status => ("Status", "状态"),
    AllStatuses => ("All statuses", "全部状态"),
    RowsPerPage => ("Rows per page", "每页行数"),
    Pages => ("Pages", "分页"),
    Previous => ("Previous", "上一页"),
    Next => ("Next", "下一页"),
    Name => ("Name", "名称"),
    Task => ("Task", "任务"),
    NodeType => ("Node type", "节点类型"),
    NodeTypeId => ("Node type ID", "节点类型 ID"),
    Nodes => ("Nodes", "节点数"),
    NodesHint => ("2 to 256 nodes.", "2~256 个节点。"),
    NodeCount => ("Nodes", "节点数"),
    NodesToAdd => ("Nodes to add", "新增节点数"),
    AvailabilityZone => ("Availability zone", "可用区"),
    AvailabilityZoneOptional => ("Availability zone (optional)", "可用区（可选）"),
    Version => ("Version", "版本"),
    Created => ("Created", "创建时间"),
    UpdatedAt => ("Last changed", "最近修改时间"),
    InternalEndpoint => ("Internal endpoint", "内网连接地址"),
    PublicEndpoint => ("Public endpoint", "公网连接地址"),
    JdbcUrl => ("JDBC URL", "JDBC 连接串"),
    PsqlInternal => ("psql (internal)", "psql（内网）"),
    PsqlPublic => ("psql (public)", "psql（公网）"),
    JdbcInternal => ("JDBC URL (internal)", "JDBC 连接串（内网）"),
    JdbcPublic => ("JDBC URL (public)", "JDBC 连接串（公网）"),
    ConnectLead => (
        "Connect to the gaussdb database as the administrator, with the password set when the cluster was created or last reset.",
        "以管理员身份连接 gaussdb 数据库，密码为创建集群或最近一次重置时设置的密码。"
    ),
    Actions => ("Actions", "操作"),
    Restart => ("Restart", "重启"),
    RestartExplained => (
        "The cluster restarts: connections are interrupted and queries in flight fail. This takes a few minutes.",
        "集群将重启：连接会中断，正在执行的查询会失败。重启需要几分钟。"
    ),
    ScaleOut => ("Scale out", "扩容"),
    ResetPassword => ("Reset password", "重置密码"),
    ResetPasswordExplained => ("Sets a new password for the administrator", "为以下管理员设置新密码："),
    NewPassword => ("New password", "新密码"),
    ConfirmPassword => ("Confirm the password", "确认密码"),
    PasswordsDiffer => ("The two passwords differ.", "两次输入的密码不一致。"),
    PasswordRules => (
        "8 to 32 characters with at least 3 of: uppercase, lowercase, digits, special characters; not the user name or it reversed; not a common password.",
        "8~32 个字符，至少包含大写字母、小写字母、数字、特殊字符中的 3 种；不能是用户名或其倒序；不能是常见弱密码。"
    ),
    Strength => ("Strength", "强度"),
    StrengthRefused => ("not accepted", "不符合要求"),
    StrengthFair => ("fair", "一般"),
    StrengthGood => ("good", "良好"),
    StrengthStrong => ("strong", "很强"),
    CreateSnapshot => ("Create snapshot", "创建快照"),
    SnapshotName => ("Snapshot name", "快照名称"),
    SnapshotNameHint => (
        "4 to 64 characters: letters, digits, - and _, starting with a letter.",
        "4~64 个字符，以字母开头，可包含字母、数字、中划线和下划线。"
    ),
    SnapshotType => ("Type", "类型"),
    Started => ("Started", "开始时间"),
    Description => ("Description", "描述"),
    Delete => ("Delete", "删除"),
    DeleteExplained => (
        "Deleting a cluster deletes its data and its automated snapshots. This cannot be undone.",
        "删除集群会删除其数据和自动快照，且无法恢复。"
    ),
    KeepManualSnapshots => ("Manual snapshots to keep", "保留的手动快照数"),
    KeepManualSnapshotsHint => ("The most recent ones are kept; 0 deletes them all.", "保留最近的若干个；0 表示全部删除。"),
    TypeNameToConfirm => ("To confirm, type the cluster's name:", "请输入集群名称以确认："),
    RequestAccepted => ("the service accepted the request; the status shows its progress.", "服务已受理请求，状态中会显示进度。"),
    NameDoesNotMatch => ("This is not the cluster's name: type it exactly as shown above.", "与集群名称不一致：请按上方所示原样输入。"),
    ClusterName => ("Cluster name", "集群名称"),
    ClusterNameHint => (
        "4 to 64 characters: letters, digits, - and _, starting with a letter.",
        "4~64 个字符，以字母开头，可包含字母、数字、中划线和下划线。"
    ),
    Cancel => ("Cancel", "取消"),
    WholeNumber => ("Enter a whole number.", "请输入整数。"),
    Copy => ("Copy", "复制"),
    Copied => ("Copied", "已复制"),
    CopyFailed => ("Copy failed", "复制失败"),
    Overview => ("Overview", "基本信息"),
    ClusterId => ("Cluster ID", "集群 ID"),
    Port => ("Port", "端口"),
    AdminUser => ("Administrator", "管理员用户"),
    Administrator => ("Administrator", "管理员"),
    Vpc => ("VPC ID", "虚拟私有云 ID"),
    Subnet => ("Subnet ID", "子网 ID"),
    SecurityGroup => ("Security group ID", "安全组 ID"),
    UuidHint => ("IDs look like 85b20d7e-9eb7-4b2a-98f3-3c8843ea3574.", "ID 形如 85b20d7e-9eb7-4b2a-98f3-3c8843ea3574。"),
    EnterpriseProject => ("Enterprise project", "企业项目"),
    EnterpriseProjectOptional => ("Enterprise project ID (optional)", "企业项目 ID（可选）"),
    RecentEvents => ("Recent events", "近期事件"),
    Connection => ("Connection", "连接信息"),
    PublicIp => ("Public access", "公网访问"),
    PublicIpNone => ("No public IP", "不使用公网 IP"),
    PublicIpAuto => ("Assign a new elastic IP", "自动分配弹性 IP"),
    PublicIpExisting => ("Bind an existing elastic IP", "绑定已有弹性 IP"),
    EipId => ("Elastic IP ID", "弹性 IP ID"),
    PrivateIps => ("Private IPs", "内网 IP"),
    Operations => ("Operations", "运维信息"),
    MaintainWindow => ("Maintenance window", "运维时间窗"),
    ResizeInfo => ("Scale-out", "扩容信息"),
    ParameterGroup => ("Parameter group", "参数组"),
    Tags => ("Tags", "标签"),
    FailedReasons => ("Failure reason", "失败原因"),
    Basics => ("Cluster", "集群"),
    Network => ("Network", "网络"),
    CnCount => ("CNs", "CN 数量"),
    Vcpus => ("vCPUs", "vCPU 数"),
    Memory => ("Memory", "内存"),
    DiskType => ("Disk type", "磁盘类型"),
    DiskSize => ("Disk size", "磁盘容量"),
    CnRange => ("Allowed for this node count:", "当前节点数允许："),
    Export => ("Export", "导出"),
    ExportCsv => ("Export CSV", "导出 CSV"),
    ExportJson => ("Export JSON", "导出 JSON"),
    OfCluster => ("Cluster", "所属集群"),
    AllClusters => ("All clusters", "全部集群"),
    Size => ("Size", "大小"),
    Finished => ("Finished", "完成时间"),
    Duration => ("Duration", "耗时"),
    SnapshotId => ("Snapshot ID", "快照 ID"),
    Snapshot => ("Snapshot", "快照"),
    Restore => ("Restore", "恢复"),
    RestoreTitle => ("Restore to a new cluster", "恢复到新集群"),
    RestoreLead => (
        "A new cluster is created from this snapshot. Optional fields left empty take the source cluster's values.",
        "将用此快照创建一个新集群。留空的可选字段沿用源集群的值。"
    ),
    PrefilledFromSource => ("Pre-filled with the source cluster's values.", "已按源集群的值预填。"),
    SourceGone => (
        "The source cluster no longer exists: fill in the network fields or leave them empty.",
        "源集群已不存在：请填写网络参数，或留空。"
    ),
    DeleteSnapshot => ("Delete snapshot", "删除快照"),
    DeleteSnapshotExplained => (
        "The snapshot is deleted for good; no cluster can be restored from it afterwards.",
        "快照将被永久删除，之后无法再用它恢复集群。"
    ),
    NoAvailableCluster => ("No cluster can take a snapshot right now: it must be available with no task running.", "当前没有可以创建快照的集群：集群须为可用状态且没有正在执行的任务。"),
    NoSnapshotMatch => ("No snapshot matches the search and filter.", "没有符合搜索和筛选条件的快照。"),
    AllSnapshotsOfCluster => ("All snapshots of this cluster", "此集群的全部快照"),
    SourceCluster => ("Source cluster", "源集群"),
    Activity => ("API activity", "API 请求记录"),
    ActivityLead => (
        "Requests this tab made, newest first. Each opens to a curl command that repeats it, with the token as $TOKEN and passwords as ***.",
        "当前标签页发出的请求，最新的在前。展开可得到重现该请求的 curl 命令，其中 Token 写作 $TOKEN，密码写作 ***。"
    ),
    ActivityKept => ("The last 200 requests are kept.", "保留最近 200 条请求。"),
    NoActivity => ("No requests yet.", "暂无请求。"),
    ClearActivity => ("Clear", "清空"),
    Close => ("Close", "关闭"),
    CurlCommand => ("curl command", "curl 命令"),
    NoAnswer => ("no answer", "无响应"),
    Method => ("Method", "方法"),
    Path => ("Path", "路径"),
    Time => ("Time", "时间"),
    NotFoundTitle => ("Page not found", "页面不存在"),
    NotFoundLead => ("There is nothing at this address.", "此地址没有内容。"),
    BackToClusters => ("Go to clusters", "返回集群列表"),
    // Status words: clusters, snapshots, tasks, sub-status flags, parameter groups.
    StatusCreating => ("Creating", "创建中"),
    StatusAvailable => ("Available", "可用"),
    StatusUnavailable => ("Unavailable", "不可用"),
    StatusCreationFailed => ("Creation failed", "创建失败"),
    StatusFailed => ("Failed", "失败"),
    StatusDeleting => ("Deleting", "删除中"),
    StatusDeletionFailed => ("Deletion failed", "删除失败"),
    StatusFrozen => ("Frozen", "已冻结"),
    StatusStopped => ("Stopped", "已停止"),
    SnapshotManual => ("Manual", "手动"),
    SnapshotAutomated => ("Automated", "自动"),
    ParameterGroupInSync => ("in sync", "已同步"),
    ParameterGroupApplying => ("being applied", "应用中"),
    ParameterGroupPendingReboot => ("takes effect after a restart", "重启后生效"),
    ParameterGroupSyncFailure => ("applying failed", "应用失败"),
    DiskLocal => ("local disk", "本地盘"),
    SubNormal => ("Normal", "正常"),
    SubReadonly => ("Read-only", "只读"),
    SubRedistributing => ("Redistributing", "重分布中"),
    SubRedistributionFailure => ("Redistribution failed", "重分布失败"),
    SubUnbalanced => ("Unbalanced", "非均衡"),
    SubDegraded => ("Degraded", "节点故障"),
    TaskRestoring => ("Restoring", "恢复中"),
    TaskSnapshotting => ("Taking a snapshot", "创建快照中"),
    TaskGrowing => ("Scaling out", "扩容中"),
    TaskRebooting => ("Restarting", "重启中"),
    TaskStopping => ("Stopping", "停止中"),
    TaskStarting => ("Starting", "启动中"),
    TaskRepairing => ("Repairing", "修复中"),
    TaskSettingConfiguration => ("Applying security settings", "配置安全设置中"),
    TaskConfiguringDatasource => ("Configuring a data source", "配置数据源中"),
    TaskDeletingDatasource => ("Removing a data source", "删除数据源中"),
    TaskRebootFailure => ("Restart failed", "重启失败"),
    TaskResizeFailure => ("Scale-out failed", "扩容失败"),
    // Failures the console explains itself (the catalog explains the service's codes).
    ErrorUnreachable => ("The console could not reach the service.", "控制台无法连接到服务。"),
    ErrorUnreachableRemedy => ("Check your network connection; the console keeps trying.", "请检查网络连接；控制台会自动重试。"),
    ErrorUnreadable => ("The service sent an answer the console cannot read.", "服务返回了控制台无法解析的应答。"),
    ErrorUnreadableRemedy => ("Try again; if it persists, report it with the request ID.", "请重试；如果问题持续，请连同请求 ID 一起反馈。"),
    ErrorSignInRefused => (
        "The account name, user name or password is wrong, or the user has no access to the project.",
        "账号名、用户名或密码错误，或该用户无权访问此项目。"
    ),
    ErrorSignInRefusedRemedy => (
        "Check them and try again. After several failures in a row IAM locks the user for a while.",
        "请检查后重试。连续多次失败后，IAM会暂时锁定该用户。"
    ),
    Http400 => ("The request was refused as invalid.", "请求无效，已被拒绝。"),
    Http401 => ("You are not signed in, or your sign-in has expired.", "您尚未登录，或登录已过期。"),
    Http403 => ("You do not have permission to do this.", "您没有执行此操作的权限。"),
    Http404 => ("It does not exist (any more).", "对象不存在（或已被删除）。"),
    Http409 => ("It is busy or its state does not allow this now.", "对象正忙，或其当前状态不允许此操作。"),
    Http429 => ("Too many requests.", "请求过多。"),
    Http5xx => ("The service failed to answer.", "服务未能正常应答。"),
    HttpOther => ("The request failed.", "请求失败。"),
    Http401Remedy => ("Sign in again.", "请重新登录。"),
    Http403Remedy => ("Ask your administrator for the IAM action named here.", "请联系管理员授予此处列出的 IAM 权限。"),
    HttpRetryRemedy => ("Wait a moment and try again.", "请稍后重试。"),
    // Time and units.
    JustNow => ("just now", "刚刚"),
    UnitSeconds => ("s", "秒"),
    UnitMinutes => ("min", "分钟"),
    UnitHours => ("h", "小时"),
    UnitDays => ("d", "天"),
    Monday => ("Monday", "星期一"),
    Tuesday => ("Tuesday", "星期二"),
    Wednesday => ("Wednesday", "星期三"),
    Thursday => ("Thursday", "星期四"),
    Friday => ("Friday", "星期五"),
    Saturday => ("Saturday", "星期六"),
    Sunday => ("Sunday", "星期日"),
    MemoryWord => ("memory", "内存"),
    DefaultEnterpriseProject => ("default (0)", "默认（0）"),
    TabDetails => ("Details", "详情"),
    TabMonitoring => ("Monitoring", "监控"),
    ClusterViews => ("Cluster views", "集群视图"),
    TimeRange => ("Time range", "时间范围"),
    RangeHour => ("1 hour", "1 小时"),
    RangeSixHours => ("6 hours", "6 小时"),
    RangeDay => ("24 hours", "24 小时"),
    RangeWeek => ("7 days", "7 天"),
    PeriodRaw => ("Every sample (one a minute), from Cloud Eye.", "每个采样点（每分钟一个），来自云监控。"),
    PeriodFiveMinutes => ("Averages of 5 minutes, from Cloud Eye.", "每 5 分钟的平均值，来自云监控。"),
    PeriodHour => ("Hourly averages, from Cloud Eye.", "每小时的平均值，来自云监控。"),
    LoadingMetrics => ("Loading metrics…", "正在加载监控数据…"),
    MetricsEmpty => (
        "Cloud Eye has no figures for this cluster in this range yet. They start a minute or two after the cluster becomes available, then come every minute; a cluster without a database server behind it has none.",
        "云监控在此时间范围内还没有该集群的数据。集群可用后一两分钟开始采集，之后每分钟一次；没有数据库服务器的集群没有数据。"
    ),
    NoDataPoints => ("No data points in this range", "此时间范围内没有数据点"),
    Latest => ("Latest", "最新"),
    LatestLower => ("latest", "最新"),
    Value => ("Value", "数值"),
    NewestFirst => ("(newest first)", "（最新的在前）"),
    ChartKeys => (
        "Left and right arrow keys read the points; Home and End jump to the first and last.",
        "左右方向键逐点读取；Home、End 跳到第一个和最后一个点。"
    ),
    Lowest => ("lowest", "最低"),
    Highest => ("highest", "最高"),
    DataTable => ("Data table", "数据表"),
    UnitSessions => ("sessions", "个会话"),
    UnitStatements => ("statements", "条语句"),
    UnitMegabytes => ("megabytes", "兆字节"),
    UnitPercent => ("percent", "百分比"),
    ClustersByStatus => ("Clusters by status", "各状态的集群数"),
    BusiestClusters => ("Busiest clusters (sessions now)", "最繁忙的集群（当前会话数）"),
    BusiestEmpty => ("No session figures yet.", "还没有会话数据。"),
    BusiestUnavailable => ("Session figures are not shown:", "无法显示会话数据："),
    // Events, and copies of automated snapshots.
    NavEvents => ("Events", "事件"),
    EventColumn => ("Event", "事件"),
    Severity => ("Severity", "级别"),
    AllSeverities => ("All severities", "全部级别"),
    SeverityNormal => ("Normal", "正常"),
    SeverityWarning => ("Warning", "警告"),
    SourceType => ("Source type", "事件源类型"),
    AllSourceTypes => ("All source types", "全部事件源类型"),
    SourceTypeCluster => ("Cluster", "集群"),
    SourceTypeBackup => ("Snapshot", "快照"),
    Resource => ("Resource", "事件源"),
    User => ("User", "用户"),
    Search => ("Search", "搜索"),
    WindowHour => ("Last hour", "最近 1 小时"),
    WindowDay => ("Last 24 hours", "最近 24 小时"),
    WindowWeek => ("Last 7 days", "最近 7 天"),
    WindowAll => ("All time", "全部时间"),
    WindowBetween => ("From a time to a time", "自定义时间段"),
    From => ("From", "开始时间"),
    To => ("To", "结束时间"),
    StartAfterEnd => ("The start is after the end: no event can match.", "开始时间晚于结束时间：不会有匹配的事件。"),
    NoEvents => ("There are no events in this project yet.", "此项目中还没有事件。"),
    NoEventMatch => ("No event matches the search and filters.", "没有符合搜索和筛选条件的事件。"),
    EventsTruncated => (
        "Only the newest 50,000 events were read; choose a shorter time range to see all of it.",
        "只读取了最新的 50,000 个事件；如需看到完整结果，请缩短时间范围。"
    ),
    AllEventsOfCluster => ("All events of this cluster", "此集群的全部事件"),
    NoClusterEvents => ("No events of this cluster yet.", "此集群还没有事件。"),
    ClusterGone => ("deleted", "已删除"),
    CopySnapshot => ("Copy snapshot", "复制快照"),
    CopySnapshotLead => (
        "The copy is a manual snapshot of the same data: it is kept until you delete it, and clusters can be restored from it.",
        "副本是相同数据的手动快照：会一直保留，直到您删除它，并且可以用它恢复集群。"
    ),
    CopyName => ("Name of the copy", "副本名称"),
    AllTypes => ("All types", "全部类型"),
    ConfigFallback => (
        "config.json could not be read; using the built-in defaults.",
        "无法读取 config.json，已使用内置默认配置。"
    ),
    // The cluster's day two: stop and start, backups, tags, maintenance window, rename, nodes.
    Stop => ("Stop", "停止"),
    Start => ("Start", "启动"),
    StopExplained => (
        "Stopping releases the cluster's compute: connections are cut, queries in flight fail, and the cluster takes no work until it is started again. Its data and settings are kept.",
        "停止会释放集群的计算资源：连接会被断开，正在执行的查询会失败，集群在再次启动前不再处理任何请求。数据和配置会保留。"
    ),
    StopSaves => (
        "No longer billed while stopped: the pay-per-use compute, that is the nodes' vCPUs and memory.",
        "停止期间不再计费：按需计费的计算资源，即节点的 vCPU 和内存。"
    ),
    StopStillBilled => (
        "Still billed: storage (the disks and snapshots), the elastic IP and its bandwidth. A yearly/monthly cluster is billed for its term whether it runs or not.",
        "仍然计费：存储（磁盘和快照）、弹性 IP 及其带宽。包年/包月集群无论是否运行都按其订购周期计费。"
    ),
    StartExplained => (
        "The cluster starts again with its data and settings, and its compute is billed again. This takes a few minutes.",
        "集群将以原有的数据和配置重新启动，计算资源恢复计费。启动需要几分钟。"
    ),
    TabBackups => ("Backups", "备份"),
    TabNodes => ("Nodes", "节点"),
    AutomatedSnapshots => ("Automated snapshots", "自动快照"),
    AutoBackup => ("Take automated snapshots", "开启自动快照"),
    AutoBackupHint => (
        "When off, no policy runs; the policies and the snapshots already taken are kept.",
        "关闭后所有策略都不再执行；已有的策略和快照会保留。"
    ),
    KeepDay => ("Retention (days)", "保留天数"),
    KeepDayHint => ("Automated snapshots are kept 1 to 31 days, then deleted by the service.", "自动快照保留 1~31 天，之后由服务自动删除。"),
    SaveSettings => ("Save settings", "保存设置"),
    NothingChanged => ("Nothing has changed.", "没有修改。"),
    Saved => ("Saved.", "已保存。"),
    SnapshotPolicies => ("Snapshot policies", "快照策略"),
    PolicyName => ("Policy name", "策略名称"),
    PolicyNameHint => (
        "4 to 92 characters: letters, digits, - and _, starting with a letter; unique in the cluster.",
        "4~92 个字符，以字母开头，可包含字母、数字、中划线和下划线；在集群内唯一。"
    ),
    BackupKind => ("Snapshot kind", "备份类型"),
    BackupFull => ("Full", "全量"),
    BackupIncrement => ("Incremental", "增量"),
    Schedule => ("Schedule", "执行策略"),
    NextRun => ("Next run", "下次执行"),
    AddPolicy => ("Add policy", "添加策略"),
    ModifyPolicy => ("Modify policy", "修改策略"),
    Modify => ("Modify", "修改"),
    DeletePolicy => ("Delete policy", "删除策略"),
    DeletePolicyExplained => (
        "The policy no longer runs. Automated snapshots it took stay until their retention ends.",
        "该策略将不再执行。它已创建的自动快照会保留到保留期结束。"
    ),
    NoPolicies => ("This cluster has no snapshot policy: no automated snapshot is taken.", "此集群没有快照策略，不会创建自动快照。"),
    PolicyLimit => (
        "The cluster has as many policies as it may have; delete one to add another.",
        "集群的策略数已达上限；请先删除一个再添加。"
    ),
    TimesInZone => ("Times are in your time zone,", "时间均为您所在时区："),
    TimesKeptInUtc => ("the service keeps schedules in UTC.", "服务以 UTC 保存执行策略。"),
    Repeat => ("Runs", "执行频率"),
    RepeatHours => ("Every few hours", "每隔几小时"),
    RepeatDaily => ("Every day", "每天"),
    RepeatWeekly => ("On chosen days of the week", "每周指定日"),
    RepeatCron => ("Cron expression (experts)", "Cron 表达式（高级）"),
    HoursApart => ("Hours between runs", "间隔小时数"),
    FirstRunAt => ("First run of the day at (HH:MM)", "每天首次执行时间（HH:MM）"),
    RunAt => ("At (HH:MM)", "执行时间（HH:MM）"),
    TimeFormat => ("Enter a time as HH:MM, from 00:00 to 23:59.", "请按 HH:MM 输入时间，范围 00:00~23:59。"),
    OnDays => ("On", "执行日"),
    PickADay => ("Choose at least one day.", "请至少选择一天。"),
    CronField => ("Quartz cron expression, UTC", "Quartz Cron 表达式（UTC）"),
    CronHint => (
        "Six fields: second minute hour day-of-month month day-of-week (1 = Sunday), in UTC; one of the two day fields is ?.",
        "6 个字段：秒 分 时 日 月 星期（1 = 星期日），UTC 时间；两个日期字段之一须为 ?。"
    ),
    CronNotInPicker => (
        "This schedule does not fit the choices above; it is shown as its cron expression.",
        "此执行策略无法用上面的选项表示，以 Cron 表达式显示。"
    ),
    SentAs => ("Sent as (UTC):", "发送的表达式（UTC）："),
    NextSevenRuns => ("Next seven runs", "接下来 7 次执行"),
    EveryHoursWords => ("Every {n} hours from {t}", "从 {t} 起每 {n} 小时"),
    DailyWords => ("Every day at {t}", "每天 {t}"),
    WeeklyWords => ("Every {d} at {t}", "每周{d} {t}"),
    CronWords => ("In UTC:", "按 UTC："),
    AutomatedSnapshotsOfCluster => ("This cluster's snapshots", "此集群的快照"),
    AutoBackupOff => ("Automated snapshots are off: no policy runs.", "自动快照已关闭：所有策略都不执行。"),
    EditTags => ("Edit tags", "编辑标签"),
    TagKey => ("Key", "键"),
    TagValue => ("Value", "值"),
    AddTag => ("Add tag", "添加标签"),
    RemoveTag => ("Remove", "删除"),
    NoTags => ("No tags.", "无标签。"),
    TagsHint => (
        "Up to 20 tags. Keys 1 to 128 characters, values up to 255: letters, digits, Chinese characters, spaces inside and _ . : + - @; keys not starting with _sys_.",
        "最多 20 个标签。键 1~128 个字符，值最多 255 个字符：可含字母、数字、中文、中间的空格及 _ . : + - @；键不能以 _sys_ 开头。"
    ),
    TagsCount => ("Tags:", "标签数："),
    Save => ("Save", "保存"),
    ModifyWindow => ("Modify maintenance window", "修改运维时间窗"),
    MaintenanceDay => ("Day", "日期"),
    MaintenanceStart => ("Start", "开始时间"),
    MaintenanceLead => (
        "Four hours a week in which the service may do maintenance. Chosen in your time zone, sent in UTC.",
        "每周 4 小时，服务可在此期间进行维护。按本地时间选择，以 UTC 发送。"
    ),
    LocalTime => ("Your time zone", "本地时间"),
    InUtc => ("UTC", "UTC 时间"),
    Rename => ("Rename", "重命名"),
    NewName => ("New name", "新名称"),
    NodeName => ("Node name", "节点名称"),
    NodeId => ("Node ID", "节点 ID"),
    NodeSpec => ("Specification", "规格"),
    NoNodes => ("The service lists no nodes for this cluster.", "服务未列出此集群的节点。"),
    NodeChartsOf => ("CPU, memory and disk are those of the node", "CPU、内存和磁盘为此节点的数据："),
    NodePicker => ("Node", "节点"),
    NodeRunning => ("Running", "运行中"),
    NodeFree => ("Free", "空闲"),
    NodeChartsNone => (
        "CPU, memory and disk are per node; the node list could not be read, so they are not shown.",
        "CPU、内存和磁盘按节点统计；无法读取节点列表，因此不显示。"
    ),
}

/// The current language, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct LangContext(pub RwSignal<Lang>);

/// The current language signal. Panics only if the app forgot to provide it (a programming error
/// caught by every page test).
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<LangContext>().0
}

/// A reactive text: re-renders when the language changes.
pub fn tr(text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || text.get(lang.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_both_languages() {
        for t in Text::ALL {
            let en = t.get(Lang::En);
            let zh = t.get(Lang::Zh);
            assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{t:?}");
            assert_ne!(en, zh, "{t:?} is not translated");
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{t:?}: {zh}");
        }
    }
}
