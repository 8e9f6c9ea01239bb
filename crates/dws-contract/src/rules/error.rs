//! What a rule says when it is broken.

use std::fmt;

use crate::catalog::ErrorCode;
use crate::lang::Lang;

/// A field that a rule checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// Cluster `name` (create, restore).
    ClusterName,
    /// `user_name`.
    UserName,
    /// `user_pwd`.
    UserPwd,
    /// `new_password`.
    NewPassword,
    /// `node_type`.
    NodeType,
    /// `number_of_node`.
    NumberOfNode,
    /// `number_of_cn`.
    NumberOfCn,
    /// `port`.
    Port,
    /// `availability_zone`.
    AvailabilityZone,
    /// `vpc_id`.
    VpcId,
    /// `subnet_id`.
    SubnetId,
    /// `security_group_id`.
    SecurityGroupId,
    /// `public_ip.public_bind_type`.
    PublicBindType,
    /// `public_ip.eip_id`.
    EipId,
    /// `enterprise_project_id`.
    EnterpriseProjectId,
    /// A `{cluster_id}` or `cluster_id`.
    ClusterId,
    /// A `{snapshot_id}`.
    SnapshotId,
    /// `scale_out.count`.
    ScaleOutCount,
    /// `keep_last_manual_snapshot`.
    KeepLastManualSnapshot,
    /// Snapshot `name`.
    SnapshotName,
    /// Snapshot `description`.
    SnapshotDescription,
    /// A tag's `key`.
    TagKey,
    /// A tag's `value`.
    TagValue,
    /// The IAM account (domain) name at sign-in.
    Account,
    /// The IAM user name at sign-in.
    IamUserName,
    /// The IAM password at sign-in.
    IamPassword,
    /// The project (name or id) at sign-in.
    Project,
    /// `keep_day`: days automated snapshots are kept.
    KeepDay,
    /// A snapshot policy's `policy_name`.
    PolicyName,
    /// A snapshot policy's `backup_strategy`: its schedule.
    BackupStrategy,
    /// A snapshot policy's `backup_type`.
    BackupType,
    /// A snapshot policy's `backup_level`.
    BackupLevel,
    /// `device_name`: where automated snapshots go.
    BackupDevice,
    /// `server_ips` of an NBU or NFS backup device.
    ServerIps,
    /// A snapshot policy's `time_zone_offset`.
    TimeZoneOffset,
    /// A snapshot policy's `policy_id`.
    PolicyId,
    /// The maintenance window's `day`.
    MaintenanceDay,
    /// The maintenance window's `start_time`.
    MaintenanceStart,
    /// The maintenance window's `end_time`.
    MaintenanceEnd,
}

impl Field {
    /// The field's path in the request body, as the API names it.
    pub fn wire_name(self) -> &'static str {
        match self {
            Field::ClusterName | Field::SnapshotName => "name",
            Field::UserName => "user_name",
            Field::UserPwd => "user_pwd",
            Field::NewPassword => "new_password",
            Field::NodeType => "node_type",
            Field::NumberOfNode => "number_of_node",
            Field::NumberOfCn => "number_of_cn",
            Field::Port => "port",
            Field::AvailabilityZone => "availability_zone",
            Field::VpcId => "vpc_id",
            Field::SubnetId => "subnet_id",
            Field::SecurityGroupId => "security_group_id",
            Field::PublicBindType => "public_ip.public_bind_type",
            Field::EipId => "public_ip.eip_id",
            Field::EnterpriseProjectId => "enterprise_project_id",
            Field::ClusterId => "cluster_id",
            Field::SnapshotId => "snapshot_id",
            Field::ScaleOutCount => "scale_out.count",
            Field::KeepLastManualSnapshot => "keep_last_manual_snapshot",
            Field::SnapshotDescription => "description",
            Field::TagKey => "tags.key",
            Field::TagValue => "tags.value",
            Field::Account => "auth.identity.password.user.domain.name",
            Field::IamUserName => "auth.identity.password.user.name",
            Field::IamPassword => "auth.identity.password.user.password",
            Field::Project => "auth.scope.project",
            Field::KeepDay => "keep_day",
            Field::PolicyName => "backup_strategies.policy_name",
            Field::BackupStrategy => "backup_strategies.backup_strategy",
            Field::BackupType => "backup_strategies.backup_type",
            Field::BackupLevel => "backup_strategies.backup_level",
            Field::BackupDevice => "device_name",
            Field::ServerIps => "server_ips",
            Field::TimeZoneOffset => "backup_strategies.time_zone_offset",
            Field::PolicyId => "backup_strategies.policy_id",
            Field::MaintenanceDay => "day",
            Field::MaintenanceStart => "start_time",
            Field::MaintenanceEnd => "end_time",
        }
    }

    /// Whether the field holds a whole number (the others hold text).
    pub fn is_integer(self) -> bool {
        matches!(
            self,
            Field::NumberOfNode
                | Field::NumberOfCn
                | Field::Port
                | Field::ScaleOutCount
                | Field::KeepLastManualSnapshot
                | Field::KeepDay
                | Field::TimeZoneOffset
        )
    }

    /// The field a request member names, by its path in the operation's body
    /// (`cluster.number_of_node`, `restore.name`, `new_password`, …).
    pub fn from_body_path(path: &str) -> Option<Field> {
        let (root, rest) = path.split_once('.').unwrap_or(("", path));
        Some(match (root, rest) {
            ("cluster" | "restore", "name") => Field::ClusterName,
            ("snapshot", "name") => Field::SnapshotName,
            ("snapshot", "cluster_id") => Field::ClusterId,
            ("snapshot", "description") => Field::SnapshotDescription,
            ("", "cluster_name") => Field::ClusterName,
            ("", "backup_name") => Field::SnapshotName,
            ("", "description") => Field::SnapshotDescription,
            ("", "keep_day") => Field::KeepDay,
            ("", "device_name") => Field::BackupDevice,
            ("", "server_ips") => Field::ServerIps,
            ("", "day") => Field::MaintenanceDay,
            ("", "start_time") => Field::MaintenanceStart,
            ("", "end_time") => Field::MaintenanceEnd,
            (_, "policy_name") => Field::PolicyName,
            (_, "policy_id") => Field::PolicyId,
            (_, "backup_strategy") => Field::BackupStrategy,
            (_, "backup_type") => Field::BackupType,
            (_, "backup_level") => Field::BackupLevel,
            (_, "time_zone_offset") => Field::TimeZoneOffset,
            ("scale_out", "count") => Field::ScaleOutCount,
            (_, "user_name") => Field::UserName,
            (_, "user_pwd") => Field::UserPwd,
            (_, "new_password") => Field::NewPassword,
            (_, "node_type") => Field::NodeType,
            (_, "number_of_node") => Field::NumberOfNode,
            (_, "number_of_cn") => Field::NumberOfCn,
            (_, "port") => Field::Port,
            (_, "availability_zone") => Field::AvailabilityZone,
            (_, "vpc_id") => Field::VpcId,
            (_, "subnet_id") => Field::SubnetId,
            (_, "security_group_id") => Field::SecurityGroupId,
            (_, "public_ip.public_bind_type") => Field::PublicBindType,
            (_, "public_ip.eip_id") => Field::EipId,
            (_, "enterprise_project_id") => Field::EnterpriseProjectId,
            (_, "keep_last_manual_snapshot") => Field::KeepLastManualSnapshot,
            _ => return None,
        })
    }

    /// The field's label in a form.
    pub fn label(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Field::ClusterName => ("Cluster name", "集群名称"),
            Field::UserName => ("Administrator user name", "管理员用户名"),
            Field::UserPwd => ("Administrator password", "管理员密码"),
            Field::NewPassword => ("New password", "新密码"),
            Field::NodeType => ("Node type", "节点类型"),
            Field::NumberOfNode => ("Nodes", "节点数量"),
            Field::NumberOfCn => ("CNs", "CN部署量"),
            Field::Port => ("Port", "端口"),
            Field::AvailabilityZone => ("Availability zone", "可用区"),
            Field::VpcId => ("VPC ID", "虚拟私有云ID"),
            Field::SubnetId => ("Subnet ID", "子网ID"),
            Field::SecurityGroupId => ("Security group ID", "安全组ID"),
            Field::PublicBindType => ("Public IP", "弹性IP绑定类型"),
            Field::EipId => ("EIP ID", "弹性IP的ID"),
            Field::EnterpriseProjectId => ("Enterprise project ID", "企业项目ID"),
            Field::ClusterId => ("Cluster ID", "集群ID"),
            Field::SnapshotId => ("Snapshot ID", "快照ID"),
            Field::ScaleOutCount => ("Nodes to add", "扩容节点数"),
            Field::KeepLastManualSnapshot => ("Manual snapshots to keep", "保留的快照数"),
            Field::SnapshotName => ("Snapshot name", "快照名称"),
            Field::SnapshotDescription => ("Description", "快照描述"),
            Field::TagKey => ("Tag key", "标签键"),
            Field::TagValue => ("Tag value", "标签值"),
            Field::Account => ("Account name", "帐号名"),
            Field::IamUserName => ("IAM user name", "IAM用户名"),
            Field::IamPassword => ("Password", "密码"),
            Field::Project => ("Project", "项目"),
            Field::KeepDay => ("Retention (days)", "保留天数"),
            Field::PolicyName => ("Policy name", "策略名称"),
            Field::BackupStrategy => ("Schedule", "备份策略"),
            Field::BackupType => ("Snapshot type", "快照类型"),
            Field::BackupLevel => ("Backup level", "备份级别"),
            Field::BackupDevice => ("Backup device", "备份介质"),
            Field::ServerIps => ("Backup servers", "服务器IP"),
            Field::TimeZoneOffset => ("Time zone offset", "时区偏移"),
            Field::PolicyId => ("Policy ID", "策略ID"),
            Field::MaintenanceDay => ("Maintenance day", "运维日"),
            Field::MaintenanceStart => ("Window start", "开始时间"),
            Field::MaintenanceEnd => ("Window end", "结束时间"),
        };
        lang.pick(en, zh)
    }
}

/// What is wrong with a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// Empty or missing.
    Required,
    /// Shorter or longer than allowed (in characters).
    Length {
        /// Fewest characters allowed.
        min: usize,
        /// Most characters allowed.
        max: usize,
    },
    /// Must start with a letter.
    MustStartWithLetter,
    /// Must start with a lowercase letter or `_`.
    MustStartWithLowercaseOrUnderscore,
    /// Holds a character the field does not allow.
    InvalidCharacter(char),
    /// Starts or ends with a space.
    SurroundingSpace,
    /// A reserved database keyword.
    Keyword,
    /// Fewer than 3 of the 4 character classes.
    TooFewCharacterClasses {
        /// How many classes the value has.
        found: u8,
    },
    /// The password is the user name.
    SameAsUserName,
    /// The password is the user name reversed.
    SameAsReversedUserName,
    /// A well-known weak password.
    Weak,
    /// The password was used before on this cluster.
    Reused,
    /// A number outside its range.
    OutOfRange {
        /// Smallest allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
    },
    /// A scale-out would pass the largest cluster size.
    TotalNodesExceeded {
        /// Nodes the cluster has now.
        current: i64,
        /// The most nodes a cluster can have.
        max: i64,
    },
    /// Not an id of the form 8-4-4-4-12 hexadecimal digits.
    NotAUuid,
    /// Not `auto_assign`, `not_use` or `bind_existing`.
    UnknownBindType(String),
    /// An EIP id is given without `bind_existing`.
    EipWithoutBindExisting,
    /// The name is already used.
    Taken,
    /// The same tag key twice.
    DuplicateKey,
    /// More items than allowed.
    TooMany {
        /// The most allowed.
        max: usize,
    },
    /// A value of the wrong JSON type (text where a number belongs, or the reverse).
    WrongType,
    /// Not one of the values the field takes.
    NotOneOf(&'static [&'static str]),
    /// A schedule without six fields.
    ScheduleFields {
        /// How many it has.
        found: usize,
    },
    /// A schedule that names days in both day fields.
    ScheduleDays,
    /// A schedule that does not parse; the words are the cron library's.
    ScheduleSyntax(String),
    /// A schedule that never runs.
    ScheduleNever,
    /// A schedule whose runs come closer together than allowed.
    ScheduleTooFrequent {
        /// The fewest hours between two runs.
        min_hours: u32,
    },
    /// A time that is not `HH:mm` on the hour.
    NotOnTheHour,
    /// A maintenance window that is not this many hours long.
    WindowLength {
        /// The hours a window lasts.
        hours: u32,
    },
    /// What is named does not exist (a tag key, a policy id).
    NotFound(String),
    /// A value the cluster's version does not support.
    NotInThisVersion,
    /// Another field, with this value, needs this one.
    RequiredWith(&'static str),
    /// Starts with a prefix kept for the system.
    ReservedPrefix(&'static str),
}

/// A broken rule: the field, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// The field.
    pub field: Field,
    /// What is wrong.
    pub violation: Violation,
}

impl RuleError {
    /// A broken rule.
    pub fn new(field: Field, violation: Violation) -> Self {
        RuleError { field, violation }
    }

    /// The DWS error code the service answers this with.
    pub fn code(&self) -> ErrorCode {
        use Field as F;
        use Violation as V;
        match (self.field, &self.violation) {
            (F::ClusterName, V::Taken) => ErrorCode::Dws5050,
            (F::ClusterName, _) => ErrorCode::Dws5057,
            (F::UserName, V::Keyword) => ErrorCode::Dws5082,
            (F::UserName, _) => ErrorCode::Dws5059,
            (F::UserPwd | F::NewPassword, V::SameAsUserName | V::SameAsReversedUserName) => {
                ErrorCode::Dws5145
            }
            (F::UserPwd | F::NewPassword, _) => ErrorCode::Dws5144,
            (F::NodeType, _) => ErrorCode::Dws5006,
            (F::NumberOfNode, _) => ErrorCode::Dws5047,
            (F::ScaleOutCount, V::TotalNodesExceeded { .. }) => ErrorCode::Dws5091,
            (F::ScaleOutCount, _) => ErrorCode::Dws5047,
            (F::NumberOfCn | F::Port | F::KeepLastManualSnapshot, _) => ErrorCode::Dws5038,
            (F::AvailabilityZone, _) => ErrorCode::Dws5011,
            (F::VpcId, _) => ErrorCode::Dws5014,
            (F::SubnetId, V::Required) => ErrorCode::Dws5202,
            (F::SubnetId, _) => ErrorCode::Dws5015,
            (F::SecurityGroupId, V::Required) => ErrorCode::Dws5203,
            (F::SecurityGroupId, _) => ErrorCode::Dws5016,
            (F::PublicBindType, _) => ErrorCode::Dws5098,
            (F::EipId, _) => ErrorCode::Dws5133,
            (F::EnterpriseProjectId | F::ClusterId, _) => ErrorCode::Dws5064,
            (F::SnapshotId, _) => ErrorCode::Dws5149,
            (F::SnapshotName, V::Taken) => ErrorCode::Dws5039,
            (F::SnapshotName | F::SnapshotDescription, V::Length { .. }) => ErrorCode::Dws5056,
            (F::SnapshotName | F::SnapshotDescription, _) => ErrorCode::Dws5065,
            (F::TagKey | F::TagValue, V::TooMany { .. }) => ErrorCode::Dws5194,
            (F::TagKey | F::TagValue, V::NotFound(_)) => ErrorCode::Dws5191,
            (F::TagKey | F::TagValue, _) => ErrorCode::Dws5197,
            // IAM checks sign-in itself and answers in its own shape; these are the catalog's
            // nearest entries, for a form that shows a code beside every broken rule.
            (F::Account | F::IamUserName, _) => ErrorCode::Dws5198,
            (F::IamPassword, _) => ErrorCode::Dws5199,
            (F::Project, _) => ErrorCode::Dws5010,
            // Snapshot policies: DWS-DAY-TWO.md §0 names these codes; which goes with which
            // rule is this project's reading (docs/API.md).
            (F::KeepDay, _) => ErrorCode::Dws5080,
            (F::PolicyName, V::Taken) => ErrorCode::Dws5039,
            (F::PolicyName, V::TooMany { .. }) => ErrorCode::Dws0012,
            (F::PolicyId, V::NotFound(_)) => ErrorCode::Dws0011,
            (F::BackupStrategy, V::ScheduleTooFrequent { .. }) => ErrorCode::Dws5079,
            (F::BackupStrategy, _) => ErrorCode::Dws5018,
            (F::BackupLevel, V::NotInThisVersion) => ErrorCode::Dws5206,
            (F::PolicyName | F::PolicyId | F::BackupType | F::BackupLevel | F::BackupDevice | F::ServerIps, _) => {
                ErrorCode::Dws5065
            }
            (F::TimeZoneOffset, _) => ErrorCode::Dws5038,
            (F::MaintenanceDay | F::MaintenanceStart | F::MaintenanceEnd, V::WindowLength { .. }) => ErrorCode::Dws5038,
            (F::MaintenanceDay | F::MaintenanceStart | F::MaintenanceEnd, _) => ErrorCode::Dws5065,
        }
    }

    /// Which of a form's fields a server error code is about, so a form can show the server's
    /// answer on the field. Derived from [`RuleError::code`], so the two cannot disagree; `None`
    /// when the code names none of `fields` (or more than one could be meant, the first wins).
    pub fn field_for_code(code: &str, fields: &[Field]) -> Option<Field> {
        Self::sample_for_code(code, fields).map(|e| e.field)
    }

    /// What a server error code says about one of a form's fields, in the rules' own words, when
    /// the code means exactly one thing there: `DWS.5039` on a snapshot name is "Snapshot name is
    /// already in use." A code that stands for a range or a limit (whose figures the code does
    /// not carry), or that several of the field's rules share, gives `None`, and the catalog's
    /// message is the one to show.
    pub fn for_code(code: &str, fields: &[Field]) -> Option<RuleError> {
        let field = Self::sample_for_code(code, fields)?.field;
        let mut meant = Self::EVERY
            .into_iter()
            .map(|v| RuleError::new(field, v))
            .filter(|e| e.code().as_str() == code);
        match (meant.next(), meant.next()) {
            (Some(only), None)
                if matches!(
                    only.violation,
                    Violation::Required | Violation::Taken | Violation::Keyword | Violation::SameAsUserName | Violation::NotAUuid
                ) =>
            {
                Some(only)
            }
            _ => None,
        }
    }

    /// One of each violation there is, to tell whether a code means one of them only.
    const EVERY: [Violation; 34] = [
        Violation::Required,
        Violation::Length { min: 1, max: 1 },
        Violation::MustStartWithLetter,
        Violation::MustStartWithLowercaseOrUnderscore,
        Violation::InvalidCharacter(' '),
        Violation::SurroundingSpace,
        Violation::Keyword,
        Violation::TooFewCharacterClasses { found: 0 },
        Violation::SameAsUserName,
        Violation::SameAsReversedUserName,
        Violation::Weak,
        Violation::Reused,
        Violation::OutOfRange { min: 0, max: 0 },
        Violation::TotalNodesExceeded { current: 0, max: 0 },
        Violation::NotAUuid,
        Violation::UnknownBindType(String::new()),
        Violation::EipWithoutBindExisting,
        Violation::Taken,
        Violation::DuplicateKey,
        Violation::TooMany { max: 0 },
        Violation::WrongType,
        Violation::NotOneOf(&[]),
        Violation::ScheduleFields { found: 0 },
        Violation::ScheduleDays,
        Violation::ScheduleSyntax(String::new()),
        Violation::ScheduleNever,
        Violation::ScheduleTooFrequent { min_hours: 0 },
        Violation::NotOnTheHour,
        Violation::WindowLength { hours: 0 },
        Violation::NotFound(String::new()),
        Violation::NotInThisVersion,
        Violation::RequiredWith(""),
        Violation::ReservedPrefix(""),
        Violation::Length { min: 0, max: 0 },
    ];

    /// One of each violation a server code can stand for on a form's field.
    const SAMPLES: [Violation; 8] = [
        Violation::Required,
        Violation::Taken,
        Violation::Keyword,
        Violation::Length { min: 1, max: 1 },
        Violation::SameAsUserName,
        Violation::TotalNodesExceeded { current: 0, max: 0 },
        Violation::TooMany { max: 0 },
        Violation::NotAUuid,
    ];

    fn sample_for_code(code: &str, fields: &[Field]) -> Option<RuleError> {
        let samples = Self::SAMPLES;
        fields.iter().find_map(|f| {
            samples.iter().map(|v| RuleError::new(*f, v.clone())).find(|e| e.code().as_str() == code)
        })
    }

    /// The HTTP status the service answers this with.
    pub fn status(&self) -> u16 {
        self.code().status()
    }

    /// A sentence for the user, naming the field and what to fix.
    pub fn message(&self, lang: Lang) -> String {
        let field = self.field.label(lang);
        use Violation as V;
        match (&self.violation, lang) {
            (V::Required, Lang::En) => format!("{field} is required."),
            (V::Required, Lang::Zh) => format!("{field}不能为空。"),
            (V::Length { min, max }, Lang::En) if min == max => {
                format!("{field} must be {min} characters long.")
            }
            (V::Length { min: 0, max }, Lang::En) => {
                format!("{field} must be at most {max} characters long.")
            }
            (V::Length { min, max }, Lang::En) => {
                format!("{field} must be {min} to {max} characters long.")
            }
            (V::Length { min: 0, max }, Lang::Zh) => format!("{field}长度不能超过{max}个字符。"),
            (V::Length { min, max }, Lang::Zh) => format!("{field}长度为{min}~{max}个字符。"),
            (V::MustStartWithLetter, Lang::En) => format!("{field} must start with a letter."),
            (V::MustStartWithLetter, Lang::Zh) => format!("{field}必须以字母开头。"),
            (V::MustStartWithLowercaseOrUnderscore, Lang::En) => {
                format!("{field} must start with a lowercase letter or an underscore.")
            }
            (V::MustStartWithLowercaseOrUnderscore, Lang::Zh) => {
                format!("{field}必须以小写字母或下划线开头。")
            }
            (V::InvalidCharacter(c), Lang::En) => {
                format!("{field} cannot contain {}. {}", describe_char(*c), allowed(self.field, lang))
                    .trim_end()
                    .to_owned()
            }
            (V::InvalidCharacter(c), Lang::Zh) => {
                format!("{field}不能包含{}。{}", describe_char(*c), allowed(self.field, lang))
            }
            (V::SurroundingSpace, Lang::En) => format!("{field} cannot start or end with a space."),
            (V::SurroundingSpace, Lang::Zh) => format!("{field}首尾字符不能为空格。"),
            (V::Keyword, Lang::En) => {
                format!("{field} cannot be a database keyword. Choose another name.")
            }
            (V::Keyword, Lang::Zh) => format!("{field}不能为DWS数据库的关键字。"),
            (V::TooFewCharacterClasses { found }, Lang::En) => format!(
                "{field} must contain at least 3 of: lowercase letters, uppercase letters, digits, special characters ({PASSWORD_SPECIALS}); it has {found}."
            ),
            (V::TooFewCharacterClasses { found }, Lang::Zh) => format!(
                "{field}至少包含小写字母、大写字母、数字、特殊字符（{PASSWORD_SPECIALS}）4种类型中的3种，当前为{found}种。"
            ),
            (V::SameAsUserName, Lang::En) => format!("{field} cannot be the same as the user name."),
            (V::SameAsUserName, Lang::Zh) => format!("{field}不能与用户名相同。"),
            (V::SameAsReversedUserName, Lang::En) => {
                format!("{field} cannot be the user name spelled backwards.")
            }
            (V::SameAsReversedUserName, Lang::Zh) => format!("{field}不能与倒序的用户名相同。"),
            (V::Weak, Lang::En) => {
                format!("{field} is a commonly used weak password. Choose a less predictable one.")
            }
            (V::Weak, Lang::Zh) => format!("{field}不能为弱密码。"),
            (V::Reused, Lang::En) => format!("{field} cannot be a password used before."),
            (V::Reused, Lang::Zh) => format!("{field}不能与历史密码相同。"),
            (V::OutOfRange { min, max }, Lang::En) if min == max => {
                format!("{field} must be {min}.")
            }
            (V::OutOfRange { min, max }, Lang::En) => {
                format!("{field} must be between {min} and {max}.")
            }
            (V::OutOfRange { min, max }, Lang::Zh) if min == max => format!("{field}必须为{min}。"),
            (V::OutOfRange { min, max }, Lang::Zh) => format!("{field}取值范围为{min}~{max}。"),
            (V::TotalNodesExceeded { current, max }, Lang::En) => format!(
                "A cluster can have at most {max} nodes; this one has {current}, so at most {} can be added.",
                (max - current).max(0)
            ),
            (V::TotalNodesExceeded { current, max }, Lang::Zh) => format!(
                "集群最多{max}个节点，当前{current}个，最多还可扩容{}个。",
                (max - current).max(0)
            ),
            (V::NotAUuid, Lang::En) => format!(
                "{field} must be an ID such as 7ba031f6-81f4-4670-ad20-c490b91877e5."
            ),
            (V::NotAUuid, Lang::Zh) => {
                format!("{field}格式非法，应形如7ba031f6-81f4-4670-ad20-c490b91877e5。")
            }
            (V::UnknownBindType(t), Lang::En) => format!(
                "{field}: \"{t}\" is not a binding type; use auto_assign, not_use or bind_existing."
            ),
            (V::UnknownBindType(t), Lang::Zh) => {
                format!("{field}“{t}”不合法，取值为auto_assign、not_use或bind_existing。")
            }
            (V::EipWithoutBindExisting, Lang::En) => {
                format!("{field} can only be given with bind_existing.")
            }
            (V::EipWithoutBindExisting, Lang::Zh) => {
                format!("仅在绑定类型为bind_existing时可指定{field}。")
            }
            (V::Taken, Lang::En) => format!("{field} is already in use."),
            (V::Taken, Lang::Zh) => format!("{field}已存在。"),
            (V::DuplicateKey, Lang::En) => format!("{field} appears more than once."),
            (V::DuplicateKey, Lang::Zh) => format!("{field}重复。"),
            (V::TooMany { max }, Lang::En) if matches!(self.field, Field::PolicyName) => {
                format!("A cluster can have at most {max} snapshot policies.")
            }
            (V::TooMany { max }, Lang::Zh) if matches!(self.field, Field::PolicyName) => {
                format!("每个集群最多{max}个快照策略。")
            }
            (V::TooMany { max }, Lang::En) => format!("At most {max} tags are allowed."),
            (V::TooMany { max }, Lang::Zh) => format!("标签个数不能超过{max}个。"),
            (V::NotOneOf(values), Lang::En) => format!("{field} must be one of: {}.", values.join(", ")),
            (V::NotOneOf(values), Lang::Zh) => format!("{field}取值为{}。", values.join("、")),
            (V::ScheduleFields { found }, Lang::En) => format!(
                "{field} has six fields: seconds, minutes, hours, day of month, month, day of week (for example 0 0 2 ? * 1); it has {found}."
            ),
            (V::ScheduleFields { found }, Lang::Zh) => {
                format!("{field}由秒、分、时、日、月、周6个字段组成（例如0 0 2 ? * 1），当前为{found}个。")
            }
            (V::ScheduleDays, Lang::En) => format!("{field}: either the day of month or the day of week must be ?."),
            (V::ScheduleDays, Lang::Zh) => format!("{field}的日和周字段中必须有一个为?。"),
            (V::ScheduleSyntax(why), Lang::En) => format!("{field} is not a valid cron expression: {}.", why.trim_end_matches('.')),
            (V::ScheduleSyntax(why), Lang::Zh) => format!("{field}不是合法的cron表达式：{}。", why.trim_end_matches('.')),
            (V::ScheduleNever, Lang::En) => format!("{field} never runs."),
            (V::ScheduleNever, Lang::Zh) => format!("{field}永远不会执行。"),
            (V::ScheduleTooFrequent { min_hours }, Lang::En) => {
                format!("{field} runs too often: automated snapshots must be at least {min_hours} hours apart.")
            }
            (V::ScheduleTooFrequent { min_hours }, Lang::Zh) => format!("{field}执行过于频繁：自动快照间隔不能少于{min_hours}小时。"),
            (V::NotOnTheHour, Lang::En) => format!("{field} must be a time on the hour, HH:00 (UTC)."),
            (V::NotOnTheHour, Lang::Zh) => format!("{field}必须为整点，格式为HH:00（UTC）。"),
            (V::WindowLength { hours }, Lang::En) => format!("A maintenance window lasts exactly {hours} hours."),
            (V::WindowLength { hours }, Lang::Zh) => format!("运维时间窗的时长必须为{hours}小时。"),
            (V::NotFound(what), Lang::En) => format!("{field} {what} does not exist."),
            (V::NotFound(what), Lang::Zh) => format!("{field}{what}不存在。"),
            (V::NotInThisVersion, Lang::En) => format!("{field}: this value needs a newer cluster version."),
            (V::NotInThisVersion, Lang::Zh) => format!("{field}：当前集群版本不支持该取值。"),
            (V::RequiredWith(other), Lang::En) => format!("{field} is required with {other}."),
            (V::RequiredWith(other), Lang::Zh) => format!("{other}时必须填写{field}。"),
            (V::ReservedPrefix(prefix), Lang::En) => format!("{field} cannot start with {prefix}, which the system keeps for itself."),
            (V::ReservedPrefix(prefix), Lang::Zh) => format!("{field}不能以{prefix}开头（系统保留）。"),
            (V::WrongType, Lang::En) if self.field.is_integer() => {
                format!("{field} must be a whole number.")
            }
            (V::WrongType, Lang::En) => format!("{field} must be text."),
            (V::WrongType, Lang::Zh) if self.field.is_integer() => format!("{field}必须为整数。"),
            (V::WrongType, Lang::Zh) => format!("{field}必须为字符串。"),
        }
    }
}

/// A character as the user should see it in a message.
fn describe_char(c: char) -> String {
    match c {
        ' ' => "spaces".to_owned(),
        c if c.is_control() => format!("U+{:04X}", c as u32),
        c => format!("\"{c}\""),
    }
}

/// What a field allows, for messages about a bad character.
fn allowed(field: Field, lang: Lang) -> &'static str {
    match field {
        Field::ClusterName | Field::SnapshotName => lang.pick(
            "Use letters, digits, hyphens (-) and underscores (_).",
            "只能包含字母、数字、中划线或下划线。",
        ),
        Field::UserName => lang.pick(
            "Use lowercase letters, digits and underscores (_).",
            "只能由小写字母、数字或下划线组成。",
        ),
        Field::UserPwd | Field::NewPassword => lang.pick(
            "Use letters, digits and the special characters ~!?,.:;-_'\"(){}[]/<>@#%^&*+|\\=.",
            "只能包含字母、数字和特殊字符~!?,.:;-_'\"(){}[]/<>@#%^&*+|\\=。",
        ),
        Field::SnapshotDescription => {
            lang.pick("The characters !<>'=&\" are not allowed.", "不支持特殊字符!<>'=&\"。")
        }
        Field::TagKey | Field::TagValue => lang.pick(
            "Use letters (Chinese among them), digits, spaces and _ . : + - @.",
            "只能包含字母（含中文）、数字、空格和_ . : + - @。",
        ),
        Field::PolicyName => lang.pick(
            "Use letters, digits, hyphens (-) and underscores (_).",
            "只能包含字母、数字、中划线或下划线。",
        ),
        _ => "",
    }
}

use super::password::PASSWORD_SPECIALS;

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for RuleError {}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: &[Field] = &[
        Field::ClusterName, Field::UserName, Field::UserPwd, Field::NewPassword, Field::NodeType,
        Field::NumberOfNode, Field::NumberOfCn, Field::Port, Field::AvailabilityZone, Field::VpcId,
        Field::SubnetId, Field::SecurityGroupId, Field::PublicBindType, Field::EipId,
        Field::EnterpriseProjectId, Field::ClusterId, Field::SnapshotId, Field::ScaleOutCount,
        Field::KeepLastManualSnapshot, Field::SnapshotName, Field::SnapshotDescription,
        Field::TagKey, Field::TagValue, Field::Account, Field::IamUserName, Field::IamPassword,
        Field::Project, Field::KeepDay, Field::PolicyName, Field::BackupStrategy, Field::BackupType,
        Field::BackupLevel, Field::BackupDevice, Field::ServerIps, Field::TimeZoneOffset, Field::PolicyId,
        Field::MaintenanceDay, Field::MaintenanceStart, Field::MaintenanceEnd,
    ];

    #[test]
    fn server_codes_find_their_form_field() {
        let create = [Field::ClusterName, Field::UserName, Field::UserPwd, Field::NodeType, Field::NumberOfNode,
            Field::NumberOfCn, Field::Port, Field::VpcId, Field::SubnetId, Field::SecurityGroupId, Field::EipId];
        assert_eq!(RuleError::field_for_code("DWS.5050", &create), Some(Field::ClusterName));
        assert_eq!(RuleError::field_for_code("DWS.5057", &create), Some(Field::ClusterName));
        assert_eq!(RuleError::field_for_code("DWS.5082", &create), Some(Field::UserName));
        assert_eq!(RuleError::field_for_code("DWS.5144", &create), Some(Field::UserPwd));
        assert_eq!(RuleError::field_for_code("DWS.5006", &create), Some(Field::NodeType));
        assert_eq!(RuleError::field_for_code("DWS.5202", &create), Some(Field::SubnetId));
        assert_eq!(RuleError::field_for_code("DWS.0001", &create), None);
        // In the rules' words only where the code means one thing.
        let taken = RuleError::for_code("DWS.5039", &[Field::SnapshotName, Field::SnapshotDescription]).unwrap();
        assert_eq!(taken.message(crate::Lang::En), "Snapshot name is already in use.");
        assert_eq!(RuleError::for_code("DWS.5057", &create), None, "a bad name, for one of many reasons");
        assert_eq!(RuleError::field_for_code("DWS.5144", &[Field::NewPassword]), Some(Field::NewPassword));
    }

    fn violations() -> Vec<Violation> {
        vec![
            Violation::Required,
            Violation::Length { min: 4, max: 64 },
            Violation::Length { min: 0, max: 256 },
            Violation::Length { min: 8, max: 8 },
            Violation::MustStartWithLetter,
            Violation::MustStartWithLowercaseOrUnderscore,
            Violation::InvalidCharacter(' '),
            Violation::InvalidCharacter('\u{7}'),
            Violation::InvalidCharacter('!'),
            Violation::SurroundingSpace,
            Violation::Keyword,
            Violation::TooFewCharacterClasses { found: 2 },
            Violation::SameAsUserName,
            Violation::SameAsReversedUserName,
            Violation::Weak,
            Violation::Reused,
            Violation::OutOfRange { min: 2, max: 256 },
            Violation::OutOfRange { min: 2, max: 2 },
            Violation::TotalNodesExceeded { current: 250, max: 256 },
            Violation::NotAUuid,
            Violation::UnknownBindType("auto".into()),
            Violation::EipWithoutBindExisting,
            Violation::Taken,
            Violation::DuplicateKey,
            Violation::TooMany { max: 20 },
            Violation::WrongType,
            Violation::NotOneOf(&["full", "increment"]),
            Violation::ScheduleFields { found: 5 },
            Violation::ScheduleDays,
            Violation::ScheduleSyntax("Component error: Number out of bounds.".into()),
            Violation::ScheduleNever,
            Violation::ScheduleTooFrequent { min_hours: 4 },
            Violation::NotOnTheHour,
            Violation::WindowLength { hours: 4 },
            Violation::NotFound("x".into()),
            Violation::NotInThisVersion,
            Violation::RequiredWith("NBU"),
            Violation::ReservedPrefix("_sys_"),
        ]
    }

    #[test]
    fn every_field_and_violation_has_a_message_and_a_code_in_both_languages() {
        for field in FIELDS {
            assert!(!field.wire_name().is_empty());
            assert_ne!(field.label(Lang::En), field.label(Lang::Zh));
            for v in violations() {
                let e = RuleError::new(*field, v.clone());
                let en = e.message(Lang::En);
                let zh = e.message(Lang::Zh);
                assert!(en.ends_with('.') || en.ends_with(". "), "{field:?} {v:?}: {en}");
                assert_eq!(en, en.trim(), "{field:?} {v:?}");
                assert!(zh.ends_with('。'), "{field:?} {v:?}: {zh}");
                assert!((400..500).contains(&e.status()), "{field:?} {v:?}");
                assert_eq!(e.to_string(), en);
            }
        }
    }

    #[test]
    fn body_paths_name_their_fields() {
        assert_eq!(Field::from_body_path("cluster.name"), Some(Field::ClusterName));
        assert_eq!(Field::from_body_path("restore.name"), Some(Field::ClusterName));
        assert_eq!(Field::from_body_path("snapshot.name"), Some(Field::SnapshotName));
        assert_eq!(Field::from_body_path("cluster.number_of_node"), Some(Field::NumberOfNode));
        assert_eq!(Field::from_body_path("restore.public_ip.eip_id"), Some(Field::EipId));
        assert_eq!(Field::from_body_path("new_password"), Some(Field::NewPassword));
        assert_eq!(Field::from_body_path("keep_last_manual_snapshot"), Some(Field::KeepLastManualSnapshot));
        assert_eq!(Field::from_body_path("scale_out.count"), Some(Field::ScaleOutCount));
        assert_eq!(Field::from_body_path("cluster.flavor"), None);
        for f in FIELDS {
            if f.wire_name().contains("auth.") || f.wire_name().starts_with("tags") || f.wire_name().starts_with("backup_strategies") {
                continue;
            }
            let root = match f {
                Field::SnapshotName | Field::SnapshotDescription | Field::ClusterId => "snapshot.",
                Field::ScaleOutCount => "",
                Field::SnapshotId => continue,
                Field::KeepDay | Field::BackupDevice | Field::ServerIps | Field::MaintenanceDay | Field::MaintenanceStart
                | Field::MaintenanceEnd => "",
                _ => "cluster.",
            };
            assert_eq!(Field::from_body_path(&format!("{root}{}", f.wire_name())), Some(*f), "{f:?}");
        }
        let e = RuleError::new(Field::Port, Violation::WrongType);
        assert_eq!(e.message(Lang::En), "Port must be a whole number.");
        assert_eq!(e.code(), crate::ErrorCode::Dws5038);
    }

    #[test]
    fn messages_name_the_field_and_the_limits() {
        let e = RuleError::new(Field::ClusterName, Violation::Length { min: 4, max: 64 });
        assert_eq!(e.message(Lang::En), "Cluster name must be 4 to 64 characters long.");
        assert_eq!(e.message(Lang::Zh), "集群名称长度为4~64个字符。");
        let e = RuleError::new(Field::Port, Violation::OutOfRange { min: 8000, max: 30000 });
        assert_eq!(e.message(Lang::En), "Port must be between 8000 and 30000.");
        let e = RuleError::new(Field::ClusterName, Violation::InvalidCharacter(' '));
        assert_eq!(
            e.message(Lang::En),
            "Cluster name cannot contain spaces. Use letters, digits, hyphens (-) and underscores (_)."
        );
        let e = RuleError::new(Field::ScaleOutCount, Violation::TotalNodesExceeded { current: 250, max: 256 });
        assert!(e.message(Lang::En).contains("at most 6 can be added"));
    }
}
