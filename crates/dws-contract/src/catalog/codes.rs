//! Every error code the product knows. First the rows of appendix 7.2 (表 7-2 错误码说明), every
//! one, in the reference's order.
//!
//! The Chinese texts are the reference's own; the English ones are the project's translation.
//! Generated once from the reference's table; edit by hand from now on.

use super::{CatalogEntry, Source};

super::catalog_table! {
    Dws5001 = {
        code: "DWS.5001", status: 400, source: Reference,
        zh: ("实例名非法。", "实例名非法。", "请参考对应实例名的参数说明输入符合要求的实例名后重试。"),
        en: ("Invalid instance name.", "See the parameter description for the instance name, enter a valid instance name, and try again."),
    },
    Dws5002 = {
        code: "DWS.5002", status: 400, source: Reference,
        zh: ("数据库类型非法。", "数据库类型非法。", "请参考对应数据库的参数说明输入符合要求的数据库类型后重试。"),
        en: ("Invalid database type.", "See the parameter description for the database, enter a valid database type, and try again."),
    },
    Dws5003 = {
        code: "DWS.5003", status: 400, source: Reference,
        zh: ("数据库版本非法。", "数据库版本非法。", "请参考对应数据库的参数说明输入符合要求的数据库版本后重试。"),
        en: ("Invalid database version.", "See the parameter description for the database, enter a valid database version, and try again."),
    },
    Dws5004 = {
        code: "DWS.5004", status: 400, source: Reference,
        zh: ("datastore字段为空。", "datastore字段为空。", "请根据实际情况输入正确的datastore后重试。"),
        en: ("The datastore field is empty.", "Enter a correct datastore based on your requirements and try again."),
    },
    Dws5005 = {
        code: "DWS.5005", status: 400, source: Reference,
        zh: ("不支持的数据库类型或版本。", "不支持的数据库类型或版本。", "请参考对应数据库的参数说明输入符合要求的数据库类型和版本后重试。"),
        en: ("Unsupported database type or version.", "See the parameter description for the database, enter a valid database type and version, and try again."),
    },
    Dws5006 = {
        code: "DWS.5006", status: 400, source: Reference,
        zh: ("无效的规格。", "无效的规格。", "请输入正确的规格后重试。"),
        en: ("Invalid flavor.", "Enter a correct flavor and try again."),
    },
    Dws5010 = {
        code: "DWS.5010", status: 400, source: Reference,
        zh: ("无效区域。", "无效区域。", "请重新选择有效的区域后重试。"),
        en: ("Invalid region.", "Select a valid region and try again."),
    },
    Dws5011 = {
        code: "DWS.5011", status: 400, source: Reference,
        zh: ("无效可用区。", "无效可用区。", "请重新选择有效的可用区后重试。"),
        en: ("Invalid availability zone.", "Select a valid availability zone and try again."),
    },
    Dws5012 = {
        code: "DWS.5012", status: 400, source: Reference,
        zh: ("区域或可用区不存在。", "区域或可用区不存在。", "请输入正确的区域或可用区后重试。"),
        en: ("The region or availability zone does not exist.", "Enter a correct region or availability zone and try again."),
    },
    Dws5013 = {
        code: "DWS.5013", status: 400, source: Reference,
        zh: ("数据库root密码非法。", "数据库root密码非法。", "请参考对应的密码参数说明，输入符合密码复杂度要求的密码。"),
        en: ("Invalid database root password.", "See the description of the password parameter and enter a password that meets the complexity requirements."),
    },
    Dws5014 = {
        code: "DWS.5014", status: 400, source: Reference,
        zh: ("VPC id非法。", "VPC id非法。", "请参考vpc_id的参数说明，输入符合要求的id。"),
        en: ("Invalid VPC ID.", "See the description of the vpc_id parameter and enter a valid ID."),
    },
    Dws5015 = {
        code: "DWS.5015", status: 400, source: Reference,
        zh: ("子网id非法。", "子网id非法。", "请参考subnet_id的参数说明，输入符合要求的id。"),
        en: ("Invalid subnet ID.", "See the description of the subnet_id parameter and enter a valid ID."),
    },
    Dws5016 = {
        code: "DWS.5016", status: 400, source: Reference,
        zh: ("安全组id非法。", "安全组id非法。", "请参考安全组id的参数说明，输入符合要求的id。"),
        en: ("Invalid security group ID.", "See the description of the security group ID parameter and enter a valid ID."),
    },
    Dws5017 = {
        code: "DWS.5017", status: 400, source: Reference,
        zh: ("自动备份保留天数无效。", "自动备份保留天数无效。", "请输入符合要求的自动备份保留天数后重试。"),
        en: ("Invalid automated backup retention period.", "Enter a valid automated backup retention period and try again."),
    },
    Dws5018 = {
        code: "DWS.5018", status: 400, source: Reference,
        zh: ("自动备份周期无效。", "自动备份周期无效。", "请输入符合要求的自动备份周期后重试。"),
        en: ("Invalid automated backup cycle.", "Enter a valid automated backup cycle and try again."),
    },
    Dws5021 = {
        code: "DWS.5021", status: 404, source: Reference,
        zh: ("VPC不存在, 或不属于该用户。", "VPC不存在, 或不属于该用户。", "请输入正确的VPC后重试。"),
        en: ("The VPC does not exist or does not belong to the user.", "Enter a correct VPC and try again."),
    },
    Dws5022 = {
        code: "DWS.5022", status: 404, source: Reference,
        zh: ("子网不存在, 或不属于该VPC。", "子网不存在, 或不属于该VPC。", "请输入正确的子网后重试。"),
        en: ("The subnet does not exist or does not belong to the VPC.", "Enter a correct subnet and try again."),
    },
    Dws5023 = {
        code: "DWS.5023", status: 404, source: Reference,
        zh: ("安全组不存在, 或不属于该VPC。", "安全组不存在, 或不属于该VPC。", "请输入正确的安全组后重试。"),
        en: ("The security group does not exist or does not belong to the VPC.", "Enter a correct security group and try again."),
    },
    Dws5027 = {
        code: "DWS.5027", status: 400, source: Reference,
        zh: ("无效的Availability Zone。", "无效的Availability Zone。", "请输入正确的Availability Zone后重试。"),
        en: ("Invalid Availability Zone.", "Enter a correct Availability Zone and try again."),
    },
    Dws5033 = {
        code: "DWS.5033", status: 400, source: Reference,
        zh: ("volume的大小非10的倍数。", "volume的size非10的倍数。", "请输入正确的size后重试。"),
        en: ("The volume size is not a multiple of 10.", "Enter a correct size and try again."),
    },
    Dws5034 = {
        code: "DWS.5034", status: 400, source: Reference,
        zh: ("规格不匹配。", "规格不匹配。", "请选择合适的规格后重试。"),
        en: ("The flavor does not match.", "Select a suitable flavor and try again."),
    },
    Dws5036 = {
        code: "DWS.5036", status: 403, source: Reference,
        zh: ("Datastore不存在或没有权限。", "Datastore不存在或没有权限。", "请输入正确的Datastore后重试。"),
        en: ("The datastore does not exist or you do not have the required permission.", "Enter a correct datastore and try again."),
    },
    Dws5037 = {
        code: "DWS.5037", status: 400, source: Reference,
        zh: ("参数不存在。", "参数不存在。", "请输入正确的参数后重试"),
        en: ("The parameter does not exist.", "Enter a correct parameter and try again."),
    },
    Dws5038 = {
        code: "DWS.5038", status: 400, source: Reference,
        zh: ("参数值超出范围。", "参数值超出范围。", "请输入正确的参数后重试。"),
        en: ("The parameter value is out of range.", "Enter a correct parameter and try again."),
    },
    Dws5039 = {
        code: "DWS.5039", status: 400, source: Reference,
        zh: ("参数重复。", "参数重复。", "请输入正确的参数后重试。"),
        en: ("Duplicate parameter.", "Enter correct parameters and try again."),
    },
    Dws5045 = {
        code: "DWS.5045", status: 400, source: Reference,
        zh: ("当前租户不允许操作!", "当前租户不允许操作!", "请确保当前租户与集群所属租户一致后重试。"),
        en: ("The current tenant is not allowed to perform this operation.", "Ensure that the current tenant is the same as the tenant that owns the cluster and try again."),
    },
    Dws5046 = {
        code: "DWS.5046", status: 400, source: Reference,
        zh: ("nics为空。", "nics为空。", "请输入正确的nics后重试。"),
        en: ("The nics field is empty.", "Enter correct nics and try again."),
    },
    Dws5047 = {
        code: "DWS.5047", status: 400, source: Reference,
        zh: ("实例个数不合法!", "实例个数不合法!", "请输入合法的实例个数。"),
        en: ("Invalid number of instances.", "Enter a valid number of instances."),
    },
    Dws5048 = {
        code: "DWS.5048", status: 400, source: Reference,
        zh: ("扩展参数不合法!", "扩展参数不合法!", "请参考对应的扩展参数说明, 输入符合要求的扩展参数。"),
        en: ("Invalid extended parameters.", "See the description of the extended parameters and enter valid extended parameters."),
    },
    Dws5050 = {
        code: "DWS.5050", status: 409, source: Reference,
        zh: ("集群名已经存在。", "集群名已经存在。", "请确保输入正确的集群名后重试。"),
        en: ("The cluster name already exists.", "Choose a cluster name that is not in use and try again."),
    },
    Dws5051 = {
        code: "DWS.5051", status: 400, source: Reference,
        zh: ("ip非法。", "ip非法。", "请输入正确的ip后重试。"),
        en: ("Invalid IP address.", "Enter a correct IP address and try again."),
    },
    Dws5052 = {
        code: "DWS.5052", status: 400, source: Reference,
        zh: ("可用区取值非法。", "可用区取值非法。", "请输入正确的可用区后重试。"),
        en: ("Invalid availability zone value.", "Enter a correct availability zone and try again."),
    },
    Dws5053 = {
        code: "DWS.5053", status: 400, source: Reference,
        zh: ("实例之间的亲和性取值非法。", "实例之间的亲和性取值非法。", "请输入正确的亲和性值后重试。"),
        en: ("Invalid affinity value between instances.", "Enter a correct affinity value and try again."),
    },
    Dws5054 = {
        code: "DWS.5054", status: 400, source: Reference,
        zh: ("实例参数组的id取值非法。", "实例参数组的id取值非法。", "请输入正确的实例参数组id后重试。"),
        en: ("Invalid instance parameter group ID.", "Enter a correct instance parameter group ID and try again."),
    },
    Dws5056 = {
        code: "DWS.5056", status: 400, source: Reference,
        zh: ("String类型长度违规。", "String类型长度违规。", "请输入符合要求的String类型后重试。"),
        en: ("Invalid string length.", "Enter a string of the allowed length and try again."),
    },
    Dws5057 = {
        code: "DWS.5057", status: 400, source: Reference,
        zh: ("集群名称含非法字符或长度不合法。", "集群名称含非法字符或长度不合法。", "请参考集群名的参数说明，输入符合要求的集群名称。"),
        en: ("The cluster name contains invalid characters or has an invalid length.", "See the description of the cluster name parameter and enter a valid cluster name."),
    },
    Dws5059 = {
        code: "DWS.5059", status: 400, source: Reference,
        zh: ("数据库用户名非法。", "数据库用户名非法。", "请参考数据库用户名的参数说明，输入符合要求的数据库用户名。"),
        en: ("Invalid database username.", "See the description of the database username parameter and enter a valid database username."),
    },
    Dws5060 = {
        code: "DWS.5060", status: 400, source: Reference,
        zh: ("Integer类型长度违规。", "Integer类型长度违规。", "请输入符合要求的Integer类型后重试。"),
        en: ("Invalid integer length.", "Enter an integer within the allowed range and try again."),
    },
    Dws5061 = {
        code: "DWS.5061", status: 400, source: Reference,
        zh: ("Volume类型违规。", "Volume类型违规。", "请输入符合要求的Volume类型后重试。"),
        en: ("Invalid volume type.", "Enter a valid volume type and try again."),
    },
    Dws5062 = {
        code: "DWS.5062", status: 400, source: Reference,
        zh: ("Volume标签类型违规。", "Volume标签类型违规。", "请输入符合要求的Volume标签类型后重试。"),
        en: ("Invalid volume tag type.", "Enter a valid volume tag type and try again."),
    },
    Dws5063 = {
        code: "DWS.5063", status: 400, source: Reference,
        zh: ("Specific字段无效。", "Specific字段无效。", "请输入正确的Specific值后重试。"),
        en: ("Invalid Specific field.", "Enter a correct Specific value and try again."),
    },
    Dws5064 = {
        code: "DWS.5064", status: 400, source: Reference,
        zh: ("UUID非法。", "UUID非法。", "请输入正确的UUID后重试。"),
        en: ("Invalid UUID.", "Enter a correct UUID and try again."),
    },
    Dws5065 = {
        code: "DWS.5065", status: 400, source: Reference,
        zh: ("格式非法。", "格式非法。", "请输入正确的格式后重试。"),
        en: ("Invalid format.", "Enter a correct format and try again."),
    },
    Dws5070 = {
        code: "DWS.5070", status: 400, source: Reference,
        zh: ("规格信息与xml配置不匹配。", "规格信息与xml配置不匹配。", "请输入正确的规格信息后重试。"),
        en: ("The flavor information does not match the xml configuration.", "Enter correct flavor information and try again."),
    },
    Dws5071 = {
        code: "DWS.5071", status: 400, source: Reference,
        zh: ("磁盘类型与xml配置不匹配。", "磁盘类型与xml配置不匹配。", "请输入正确的磁盘类型后重试。"),
        en: ("The disk type does not match the xml configuration.", "Enter a correct disk type and try again."),
    },
    Dws5078 = {
        code: "DWS.5078", status: 400, source: Reference,
        zh: ("磁盘大小不合法。", "磁盘大小不合法。", "请输入正确的磁盘大小后重试。"),
        en: ("Invalid disk size.", "Enter a correct disk size and try again."),
    },
    Dws5079 = {
        code: "DWS.5079", status: 400, source: Reference,
        zh: ("备份周期不在允许范围内。", "备份周期不在允许范围内。", "请输入符合要求的备份周期后重试。"),
        en: ("The backup cycle is out of the allowed range.", "Enter a valid backup cycle and try again."),
    },
    Dws5080 = {
        code: "DWS.5080", status: 400, source: Reference,
        zh: ("备份保留天数不在允许范围内。", "备份保留天数不在允许范围内。", "请输入符合要求的备份保留天数后重试。"),
        en: ("The backup retention period is out of the allowed range.", "Enter a valid backup retention period and try again."),
    },
    Dws5081 = {
        code: "DWS.5081", status: 400, source: Reference,
        zh: ("实例硬盘类型不在允许范围内。", "实例硬盘类型不在允许范围内。", "请选择符合要求的实例硬盘类型后重试。"),
        en: ("The instance disk type is out of the allowed range.", "Select a valid instance disk type and try again."),
    },
    Dws5082 = {
        code: "DWS.5082", status: 400, source: Reference,
        zh: ("不支持的数据库用户名。", "不支持的数据库用户名。", "请参考数据库用户名的参数说明，输入符合要求的数据库用户名。"),
        en: ("Unsupported database username.", "See the description of the database username parameter and enter a valid database username."),
    },
    Dws5083 = {
        code: "DWS.5083", status: 400, source: Reference,
        zh: ("亲和性非xml配置里允许的范围。", "亲和性非xml配置里允许的范围。", "请输入符合要求的亲和性值后重试。"),
        en: ("The affinity is out of the range allowed in the xml configuration.", "Enter a valid affinity value and try again."),
    },
    Dws5084 = {
        code: "DWS.5084", status: 400, source: Reference,
        zh: ("XML文件中Volume配置有误。", "XML文件中Volume配置有误。", "请配置正确的Volume值后重试。"),
        en: ("The volume configuration in the XML file is incorrect.", "Configure a correct volume value and try again."),
    },
    Dws5086 = {
        code: "DWS.5086", status: 400, source: Reference,
        zh: ("同一实例类型不满足规格一致性。", "同一实例类型不满足规格一致性。", "请输入正确的规格后重试。"),
        en: ("Instances of the same type do not have consistent flavors.", "Enter a correct flavor and try again."),
    },
    Dws5087 = {
        code: "DWS.5087", status: 400, source: Reference,
        zh: ("同一实例类型不满足磁盘一致性。", "同一实例类型不满足磁盘一致性。", "请输入正确的磁盘后重试。"),
        en: ("Instances of the same type do not have consistent disks.", "Enter correct disk settings and try again."),
    },
    Dws5089 = {
        code: "DWS.5089", status: 400, source: Reference,
        zh: ("不支持创建的类型。", "不支持创建的类型。", "请输入正确的类型后重试。"),
        en: ("The type to be created is not supported.", "Enter a correct type and try again."),
    },
    Dws5091 = {
        code: "DWS.5091", status: 400, source: Reference,
        zh: ("节点个数达到最大值。", "节点个数达到最大值。", "请重新输入正确的节点个数后重试。"),
        en: ("The number of nodes has reached the maximum.", "Enter a correct number of nodes and try again."),
    },
    Dws5093 = {
        code: "DWS.5093", status: 400, source: Reference,
        zh: ("实例规格信息不合法。", "实例规格信息不合法。", "请输入符合要求的实例规格后重试。"),
        en: ("Invalid instance flavor information.", "Enter a valid instance flavor and try again."),
    },
    Dws5095 = {
        code: "DWS.5095", status: 400, source: Reference,
        zh: ("当前实例类型不支持此操作。", "当前实例类型不支持此操作。", "请选择正确的实例类型后重试。"),
        en: ("This operation is not supported for the current instance type.", "Select a correct instance type and try again."),
    },
    Dws5096 = {
        code: "DWS.5096", status: 400, source: Reference,
        zh: ("磁盘个数不合法。", "磁盘个数不合法。", "请输入符合要求的磁盘个数后重试。"),
        en: ("Invalid number of disks.", "Enter a valid number of disks and try again."),
    },
    Dws5097 = {
        code: "DWS.5097", status: 400, source: Reference,
        zh: ("Region或Availability Zone不存在。", "Region或Availability Zone不存在。", "请输入正确的Region和Availability Zone后重试。"),
        en: ("The region or Availability Zone does not exist.", "Enter a correct region and Availability Zone and try again."),
    },
    Dws5098 = {
        code: "DWS.5098", status: 400, source: Reference,
        zh: ("EIP绑定类型不合法。", "EIP绑定类型不合法。", "请输入正确的EIP绑定类型后重试。"),
        en: ("Invalid EIP binding type.", "Enter a correct EIP binding type and try again."),
    },
    Dws5104 = {
        code: "DWS.5104", status: 400, source: Reference,
        zh: ("实例的子网必须唯一。", "实例的子网必须唯一。", "请确认实例的子网唯一后重试。"),
        en: ("The instance subnet must be unique.", "Ensure that the instance subnet is unique and try again."),
    },
    Dws5106 = {
        code: "DWS.5106", status: 400, source: Reference,
        zh: ("实例类型非法!", "实例类型非法!", "请输入符合要求的实例类型后重试。"),
        en: ("Invalid instance type.", "Enter a valid instance type and try again."),
    },
    Dws5107 = {
        code: "DWS.5107", status: 400, source: Reference,
        zh: ("集群模式非法!", "集群模式非法!", "请输入符合要求的集群模式后重试。"),
        en: ("Invalid cluster mode.", "Enter a valid cluster mode and try again."),
    },
    Dws5111 = {
        code: "DWS.5111", status: 400, source: Reference,
        zh: ("备份文件id不存在!", "备份文件id不存在!", "请输入正确的备份文件id后重试。"),
        en: ("The backup file ID does not exist.", "Enter a correct backup file ID and try again."),
    },
    Dws5130 = {
        code: "DWS.5130", status: 400, source: Reference,
        zh: ("委托名称非法。", "委托名称非法。", "请输入正确的委托名称后重试。"),
        en: ("Invalid agency name.", "Enter a correct agency name and try again."),
    },
    Dws5133 = {
        code: "DWS.5133", status: 400, source: Reference,
        zh: ("EIP id非法。", "EIP id非法。", "请输入正确的EIP id后重试。"),
        en: ("Invalid EIP ID.", "Enter a correct EIP ID and try again."),
    },
    Dws5135 = {
        code: "DWS.5135", status: 400, source: Reference,
        zh: ("EIP不存在。", "EIP不存在。", "请输入正确的EIP后重试。"),
        en: ("The EIP does not exist.", "Enter a correct EIP and try again."),
    },
    Dws5144 = {
        code: "DWS.5144", status: 400, source: Reference,
        zh: ("集群管理员密码非法。", "集群管理员密码非法。", "请参考集群管理员密码参数说明，输入符合要求的集群管理员密码。"),
        en: ("Invalid cluster administrator password.", "See the description of the cluster administrator password parameter and enter a valid cluster administrator password."),
    },
    Dws5145 = {
        code: "DWS.5145", status: 400, source: Reference,
        zh: ("管理员密码不能与用户名或倒序的用户名相同。", "管理员密码不能与用户名或倒序的用户名相同。", "请根据错误信息提示输入符合要求的管理员密码后重试。"),
        en: ("The administrator password cannot be the same as the username or the username spelled backwards.", "Enter an administrator password that meets the requirements described in the error message and try again."),
    },
    Dws5146 = {
        code: "DWS.5146", status: 400, source: Reference,
        zh: ("云服务器组参数缺失。", "云服务器组参数缺失。", "请输入正确的参数后重试。"),
        en: ("ECS server group parameters are missing.", "Enter correct parameters and try again."),
    },
    Dws5147 = {
        code: "DWS.5147", status: 400, source: Reference,
        zh: ("云服务器组参数不合法。", "云服务器组参数不合法。", "请输入正确的参数后重试。"),
        en: ("Invalid ECS server group parameters.", "Enter correct parameters and try again."),
    },
    Dws5148 = {
        code: "DWS.5148", status: 400, source: Reference,
        zh: ("云服务器组个数达到最大值。", "云服务器组个数达到最大值。", "请输入正确的云服务器组个数后重试。"),
        en: ("The number of ECS server groups has reached the maximum.", "Enter a correct number of ECS server groups and try again."),
    },
    Dws5149 = {
        code: "DWS.5149", status: 400, source: Reference,
        zh: ("快照id不合法。", "快照id不合法。", "请参考快照id的参数说明，输入符合要求的快照id。"),
        en: ("Invalid snapshot ID.", "See the description of the snapshot ID parameter and enter a valid snapshot ID."),
    },
    Dws5165 = {
        code: "DWS.5165", status: 400, source: Reference,
        zh: ("数据文件中空值内容不合法。", "数据文件中空值内容不合法。", "请输入正确的控制内容后重试。"),
        en: ("Invalid null value content in the data file.", "Enter correct null value content and try again."),
    },
    Dws5166 = {
        code: "DWS.5166", status: 400, source: Reference,
        zh: ("TEXT格式下的noescaping参数不合法。", "TEXT格式下的noescaping参数不合法。", "请输入正确的noescaping参数内容后重试。"),
        en: ("Invalid noescaping parameter in TEXT format.", "Enter a correct noescaping parameter value and try again."),
    },
    Dws5167 = {
        code: "DWS.5167", status: 400, source: Reference,
        zh: ("数据文件的header参数不合法，支持范围为true/on, false/off。", "数据文件的header参数不合法，支持范围为true/on, false/off。", "请输入正确的header参数内容后重试。"),
        en: ("Invalid header parameter for the data file. Supported values are true/on and false/off.", "Enter a correct header parameter value and try again."),
    },
    Dws5168 = {
        code: "DWS.5168", status: 400, source: Reference,
        zh: ("数据文件的fill_missing_fields参数不合法，支持范围为true/on, false/off。", "数据文件的fill_missing_fields参数不合法，支持范围为true/on, false/off。", "请输入正确的fill_missing_fields参数内容后重试。"),
        en: ("Invalid fill_missing_fields parameter for the data file. Supported values are true/on and false/off.", "Enter a correct fill_missing_fields parameter value and try again."),
    },
    Dws5169 = {
        code: "DWS.5169", status: 400, source: Reference,
        zh: ("数据文件的 ignore_extra_data 参数不合法, 支持范围为 true/on, false/off。", "数据文件的 ignore_extra_data 参数不合法, 支持范围为 true/on, false/off。", "请输入正确的 ignore_extra_data 参数内容后重试。"),
        en: ("Invalid ignore_extra_data parameter for the data file. Supported values are true/on and false/off.", "Enter a correct ignore_extra_data parameter value and try again."),
    },
    Dws5170 = {
        code: "DWS.5170", status: 400, source: Reference,
        zh: ("数据导入允许出现的数据格式错误个数输入不合法。", "数据导入允许出现的数据格式错误个数输入不合法。", "请输入正确的错误个数后重试。"),
        en: ("Invalid number of data format errors allowed during data import.", "Enter a correct number of errors and try again."),
    },
    Dws5171 = {
        code: "DWS.5171", status: 400, source: Reference,
        zh: ("数据库登录用户名或密码不合法。", "数据库登录用户名或密码不合法。", "请输入正确的用户名或密码后重试。"),
        en: ("Invalid database login username or password.", "Enter a correct username or password and try again."),
    },
    Dws5172 = {
        code: "DWS.5172", status: 400, source: Reference,
        zh: ("数据库不存在。", "数据库不存在。", "请输入正确的数据库名后重试。"),
        en: ("The database does not exist.", "Enter a correct database name and try again."),
    },
    Dws5173 = {
        code: "DWS.5173", status: 400, source: Reference,
        zh: ("数据库表所在 schema 不存在。", "数据库表所在 schema 不存在。", "请输入正确的 schema 后重试。"),
        en: ("The schema of the database table does not exist.", "Enter a correct schema and try again."),
    },
    Dws5174 = {
        code: "DWS.5174", status: 400, source: Reference,
        zh: ("数据库表不存在。", "数据库表不存在。", "请输入正确的数据库表后重试。"),
        en: ("The database table does not exist.", "Enter a correct database table and try again."),
    },
    Dws5175 = {
        code: "DWS.5175", status: 400, source: Reference,
        zh: ("数据库用户名不能为空。", "数据库用户名不能为空。", "请输入用户名后重试。"),
        en: ("The database username cannot be empty.", "Enter a username and try again."),
    },
    Dws5176 = {
        code: "DWS.5176", status: 400, source: Reference,
        zh: ("数据库用户名对应密码不能为空。", "数据库用户名对应密码不能为空。", "请输入密码后重试。"),
        en: ("The password for the database username cannot be empty.", "Enter a password and try again."),
    },
    Dws5177 = {
        code: "DWS.5177", status: 400, source: Reference,
        zh: ("指定加载数据的表所在数据库名不能为空。", "指定加载数据的表所在数据库名不能为空。", "请输入数据库名后重试。"),
        en: ("The name of the database containing the table to load data into cannot be empty.", "Enter a database name and try again."),
    },
    Dws5178 = {
        code: "DWS.5178", status: 400, source: Reference,
        zh: ("指定加载数据的表所在 schema 不能为空。", "指定加载数据的表所在 schema 不能为空。", "请输入 schema 后重试。"),
        en: ("The schema of the table to load data into cannot be empty.", "Enter a schema and try again."),
    },
    Dws5179 = {
        code: "DWS.5179", status: 400, source: Reference,
        zh: ("指定加载数据的数据库表不能为空。", "指定加载数据的数据库表不能为空。", "请输入数据库表后重试。"),
        en: ("The database table to load data into cannot be empty.", "Enter a database table and try again."),
    },
    Dws5180 = {
        code: "DWS.5180", status: 400, source: Reference,
        zh: ("OBS 加载文件路径不合法。", "OBS 加载文件路径不合法。", "请输入正确的 OBS 加载路径后重试。"),
        en: ("Invalid OBS path of the files to load.", "Enter a correct OBS loading path and try again."),
    },
    Dws5181 = {
        code: "DWS.5181", status: 400, source: Reference,
        zh: ("数据加载失败, 错误信息: #failedReason#。", "数据加载失败, 错误信息: #failedReason#。", "请根据错误提示进行修复后重试。"),
        en: ("Failed to load data. Error message: #failedReason#.", "Fix the issue based on the error message and try again."),
    },
    Dws5182 = {
        code: "DWS.5182", status: 400, source: Reference,
        zh: ("当前任务已结束", "当前任务已结束", "请选择正在加载的任务进行取消操作。"),
        en: ("The current task has ended.", "Select a task that is still loading data to cancel."),
    },
    Dws5183 = {
        code: "DWS.5183", status: 400, source: Reference,
        zh: ("当前任务已被取消", "当前任务已被取消", "请选择正在加载的任务进行取消操作。"),
        en: ("The current task has been canceled.", "Select a task that is still loading data to cancel."),
    },
    Dws5184 = {
        code: "DWS.5184", status: 400, source: Reference,
        zh: ("数据源文件的格式不合法，支持格式为CSV、TEXT。", "数据源文件的格式不合法，支持格式为CSV、TEXT。", "请输入正确的数据源文件格式后重试，支持格式为CSV、TEXT。"),
        en: ("Invalid data source file format. Supported formats are CSV and TEXT.", "Enter a correct data source file format and try again. Supported formats are CSV and TEXT."),
    },
    Dws5185 = {
        code: "DWS.5185", status: 400, source: Reference,
        zh: ("数据文件的编码格式不合法，支持格式为GBK, UTF8, Latin1,SQL_ASCII。", "数据文件的编码格式不合法，支持格式为GBK, UTF8, Latin1,SQL_ASCII。", "请输入正确的编码格式后重试，支持格式为GBK, UTF8, Latin1,SQL_ASCII。"),
        en: ("Invalid data file encoding. Supported encodings are GBK, UTF8, Latin1, and SQL_ASCII.", "Enter a correct encoding and try again. Supported encodings are GBK, UTF8, Latin1, and SQL_ASCII."),
    },
    Dws5186 = {
        code: "DWS.5186", status: 400, source: Reference,
        zh: ("数据文件行数据的字段分隔符不合法。", "数据文件行数据的字段分隔符不合法。", "请输入正确的字段分隔符后重试。"),
        en: ("Invalid field delimiter for row data in the data file.", "Enter a correct field delimiter and try again."),
    },
    Dws5187 = {
        code: "DWS.5187", status: 400, source: Reference,
        zh: ("CSV格式文件下的引号字符不合法。", "CSV格式文件下的引号字符不合法。", "请输入正确的引号字符后重试。"),
        en: ("Invalid quote character in the CSV file.", "Enter a correct quote character and try again."),
    },
    Dws5189 = {
        code: "DWS.5189", status: 400, source: Reference,
        zh: ("获取ak/sk失败。", "获取ak/sk失败。", "请联系或者稍后重试。"),
        en: ("Failed to obtain the AK/SK.", "Contact technical support or try again later."),
    },
    Dws5191 = {
        code: "DWS.5191", status: 400, source: Reference,
        zh: ("标签不存在。", "标签不存在。", "请输入正确的标签后重试。"),
        en: ("The tag does not exist.", "Enter a correct tag and try again."),
    },
    Dws5194 = {
        code: "DWS.5194", status: 400, source: Reference,
        zh: ("标签个数超过最大值。", "标签个数超过最大值。", "请检查资源上的标签个数后重试。"),
        en: ("The number of tags exceeds the maximum.", "Check the number of tags on the resource and try again."),
    },
    Dws5197 = {
        code: "DWS.5197", status: 400, source: Reference,
        zh: ("标签非法。", "标签非法。", "请输入正确的标签后重试。"),
        en: ("Invalid tag.", "Enter a correct tag and try again."),
    },
    Dws5198 = {
        code: "DWS.5198", status: 400, source: Reference,
        zh: ("用户名不合法。", "用户名不合法。", "请输入正确的用户名后重试。"),
        en: ("Invalid username.", "Enter a correct username and try again."),
    },
    Dws5199 = {
        code: "DWS.5199", status: 400, source: Reference,
        zh: ("密码不合法。", "密码不合法。", "请输入正确的密码后重试。"),
        en: ("Invalid password.", "Enter a correct password and try again."),
    },
    Dws5200 = {
        code: "DWS.5200", status: 400, source: Reference,
        zh: ("当前规格已售罄，请切换其他可用区或区域。", "当前规格已售罄，请切换其他可用区或区域。", "请创建其他规格集群或切换其他可用区或区域。"),
        en: ("The current flavor is sold out. Switch to another availability zone or region.", "Create a cluster with a different flavor, or switch to another availability zone or region."),
    },
    Dws5202 = {
        code: "DWS.5202", status: 400, source: Reference,
        zh: ("子网ID不能为空。", "子网ID不能为空。", "请输入正确的子网ID后重试。"),
        en: ("The subnet ID cannot be empty.", "Enter a correct subnet ID and try again."),
    },
    Dws5203 = {
        code: "DWS.5203", status: 400, source: Reference,
        zh: ("安全组ID不能为空。", "安全组ID不能为空。", "请输入正确的安全组ID后重试。"),
        en: ("The security group ID cannot be empty.", "Enter a correct security group ID and try again."),
    },
    Dws5206 = {
        code: "DWS.5206", status: 400, source: Reference,
        zh: ("数据库版本不支持该功能。", "数据库版本不支持该功能。", "请确保接口参数与集群版本匹配，若不匹配，请将参数修改正确后再重试。"),
        en: ("This function is not supported by the database version.", "Ensure that the API parameters match the cluster version. If they do not match, correct the parameters and try again."),
    },

    // ---- Beyond appendix 7.2 -------------------------------------------------------------
    // The API gateway in front of the live service answers these itself.
    Apigw0301 = {
        code: "APIGW.0301", status: 401, source: Gateway,
        zh: ("IAM认证信息错误。", "Token无效、已过期，或AK/SK签名错误。", "请重新登录获取新的Token，或检查AK/SK及签名后重试。"),
        en: ("Incorrect IAM authentication information.", "Sign in again to get a new token, or check the AK/SK and the signature, then try again."),
    },
    Apigw0101 = {
        code: "APIGW.0101", status: 404, source: Gateway,
        zh: ("API不存在或未发布。", "请求的路径或方法不存在。", "请检查请求的方法和路径后重试。"),
        en: ("The API does not exist or has not been published.", "Check the request's method and path and try again."),
    },
    Apigw0308 = {
        code: "APIGW.0308", status: 429, source: Gateway,
        zh: ("请求超过流控阈值。", "单位时间内的请求过多。", "请稍后重试。"),
        en: ("The throttling threshold has been reached.", "Wait a moment and try again."),
    },
    // Situations the reference gives no code for; this project's emulator and console use these.
    Dws0001 = {
        code: "DWS.0001", status: 404, source: Project,
        zh: ("集群不存在。", "指定ID的集群不存在，或已被删除。", "请检查集群ID，刷新集群列表后重试。"),
        en: ("The cluster does not exist.", "Check the cluster ID, refresh the cluster list and try again."),
    },
    Dws0002 = {
        code: "DWS.0002", status: 404, source: Project,
        zh: ("快照不存在。", "指定ID的快照不存在，或已被删除。", "请检查快照ID，刷新快照列表后重试。"),
        en: ("The snapshot does not exist.", "Check the snapshot ID, refresh the snapshot list and try again."),
    },
    Dws0003 = {
        code: "DWS.0003", status: 403, source: Project,
        zh: ("没有操作权限。", "用户的策略不允许此操作所需的授权项。", "请联系管理员为您授予错误信息中所列的授权项。"),
        en: ("You do not have permission to perform this operation.", "Ask your administrator to grant you the IAM action named in the message."),
    },
    Dws0004 = {
        code: "DWS.0004", status: 403, source: Project,
        zh: ("请求路径中的项目与Token的项目不一致。", "Token只能访问其作用域内的项目。", "请使用该项目的Token，或在请求路径中使用Token所属的项目ID。"),
        en: ("The project in the request path is not the token's project.", "Use a token scoped to that project, or the token's own project ID in the path."),
    },
    Dws0005 = {
        code: "DWS.0005", status: 409, source: Project,
        zh: ("集群当前状态不允许此操作。", "集群正在创建、删除或执行其他任务。", "请等待集群当前任务完成后重试。"),
        en: ("The cluster's current state does not allow this operation.", "Wait until the cluster's current task has finished and try again."),
    },
    Dws0006 = {
        code: "DWS.0006", status: 409, source: Project,
        zh: ("快照当前状态不允许此操作。", "快照尚未创建完成或不可用。", "请等待快照状态变为可用后重试。"),
        en: ("The snapshot's current state does not allow this operation.", "Wait until the snapshot is available and try again."),
    },
    Dws0007 = {
        code: "DWS.0007", status: 400, source: Project,
        zh: ("自动快照不能删除。", "只能删除手动快照，自动快照由系统按保留策略管理。", "请选择手动快照进行删除。"),
        en: ("Automated snapshots cannot be deleted.", "Only manual snapshots can be deleted; choose a manual snapshot."),
    },
    Dws0008 = {
        code: "DWS.0008", status: 500, source: Project,
        zh: ("服务内部错误。", "服务处理请求时出现内部错误。", "请稍后重试；如果问题仍然存在，请联系技术支持。"),
        en: ("Internal service error.", "Try again later; if it persists, contact technical support."),
    },
    Dws0009 = {
        code: "DWS.0009", status: 503, source: Project,
        zh: ("服务暂不可用。", "服务暂时无法处理请求。", "请稍后重试。"),
        en: ("The service is temporarily unavailable.", "Try again later."),
    },
    Dws0010 = {
        code: "DWS.0010", status: 404, source: Project,
        zh: ("任务不存在。", "指定ID的任务不存在，或不属于当前项目。", "请检查任务ID（操作返回的job_id）后重试。"),
        en: ("The job does not exist.", "Check the job ID (the job_id an operation answered) and try again."),
    },
    Dws0011 = {
        code: "DWS.0011", status: 404, source: Project,
        zh: ("快照策略不存在。", "指定ID的快照策略不存在，或已被删除。", "请刷新快照策略列表后重试。"),
        en: ("The snapshot policy does not exist.", "Refresh the cluster's snapshot policies and try again."),
    },
    Dws0012 = {
        code: "DWS.0012", status: 400, source: Project,
        zh: ("快照策略个数超过上限。", "每个集群最多10个集群级快照策略。", "请删除不再需要的快照策略后重试。"),
        en: ("The cluster has as many snapshot policies as it can have.", "Delete a policy you no longer need and try again."),
    },
    Dws0013 = {
        code: "DWS.0013", status: 400, source: Project,
        zh: ("只能复制自动快照。", "手动快照会一直保留，直到被删除，无需复制。", "请选择一个自动快照进行复制。"),
        en: ("Only automated snapshots can be copied.", "Choose an automated snapshot; a manual one is kept until you delete it."),
    },
    // The CORS proxy's own answers: the upstream could not be asked, or the request was refused
    // before it left.
    Proxy0001 = {
        code: "PROXY.0001", status: 502, source: Proxy,
        zh: ("代理无法连接到服务。", "上游服务不可达或连接被拒绝。", "请检查网络及代理配置中的服务地址，稍后重试。"),
        en: ("The proxy cannot reach the service.", "Check the network and the service addresses in the proxy's configuration, then try again."),
    },
    Proxy0002 = {
        code: "PROXY.0002", status: 504, source: Proxy,
        zh: ("服务响应超时。", "上游服务未在规定时间内响应。", "请稍后重试；如果问题持续，请联系代理的管理员。"),
        en: ("The service did not answer in time.", "Try again later; if it persists, contact the proxy's administrator."),
    },
    Proxy0003 = {
        code: "PROXY.0003", status: 502, source: Proxy,
        zh: ("服务地址为内网地址，代理拒绝连接。", "上游地址解析为私有、回环或链路本地地址。", "如确需访问内网服务，请在代理上使用--allow-private-upstreams。"),
        en: ("The service's address is private, so the proxy refuses it.", "If the service is meant to be on a private network, start the proxy with --allow-private-upstreams."),
    },
    Proxy0004 = {
        code: "PROXY.0004", status: 502, source: Proxy,
        zh: ("服务的TLS证书不受信任。", "上游服务的证书无法验证。", "请检查服务证书，或在代理配置中添加签发它的CA证书。"),
        en: ("The service's TLS certificate is not trusted.", "Check the service's certificate, or add the CA that issued it to the proxy's configuration."),
    },
    Proxy0005 = {
        code: "PROXY.0005", status: 403, source: Proxy,
        zh: ("来源不在允许列表中。", "请求的Origin不在代理的允许列表中。", "请从允许的地址访问控制台，或请管理员添加该来源。"),
        en: ("This origin is not allowed.", "Open the console from an allowed address, or ask the administrator to allow this origin."),
    },
    Proxy0006 = {
        code: "PROXY.0006", status: 429, source: Proxy,
        zh: ("请求过于频繁。", "超过了代理对每个客户端的速率限制。", "请在Retry-After指示的时间后重试。"),
        en: ("Too many requests.", "Wait as long as Retry-After says and try again."),
    },
    Proxy0007 = {
        code: "PROXY.0007", status: 413, source: Proxy,
        zh: ("请求体过大。", "请求体超过了代理允许的大小。", "请减小请求体后重试。"),
        en: ("The request body is too large.", "Send a smaller request body."),
    },
    Proxy0008 = {
        code: "PROXY.0008", status: 431, source: Proxy,
        zh: ("请求头过大。", "请求头超过了代理允许的大小。", "请减小请求头后重试。"),
        en: ("The request headers are too large.", "Send smaller headers."),
    },
    Proxy0009 = {
        code: "PROXY.0009", status: 400, source: Proxy,
        zh: ("请求路径不合法。", "路径包含代理不转发的片段。", "请使用API参考中的路径。"),
        en: ("The request path is not allowed.", "Use the paths of the API reference."),
    },
    Proxy0010 = {
        code: "PROXY.0010", status: 404, source: Proxy,
        zh: ("区域不存在。", "代理没有配置该区域。", "请从控制台的区域列表中选择。"),
        en: ("No such region.", "Choose one of the regions the console lists."),
    },
    Proxy0011 = {
        code: "PROXY.0011", status: 400, source: Proxy,
        zh: ("请求体无法读取。", "请求体的分块编码或长度不正确。", "请检查客户端发送的请求体后重试。"),
        en: ("The request body could not be read.", "Check how the client frames the request body (its chunked coding or length), then try again."),
    },
    Proxy0012 = {
        code: "PROXY.0012", status: 408, source: Proxy,
        zh: ("请求体未能按时送达。", "客户端未在规定时间内发送完请求体。", "请检查网络后重试。"),
        en: ("The request body did not arrive in time.", "Check the network, then try again."),
    },
    Proxy0013 = {
        code: "PROXY.0013", status: 501, source: Proxy,
        zh: ("不支持请求的传输编码。", "代理只接受不带编码或仅使用chunked传输编码的请求体。", "请不带其他Transfer-Encoding发送请求体。"),
        en: ("The request's transfer coding is not supported.", "Send the body plainly or with chunked Transfer-Encoding only."),
    },
    Proxy0014 = {
        code: "PROXY.0014", status: 405, source: Proxy,
        zh: ("该方法不可用于控制台文件。", "控制台的静态文件只能读取（GET、HEAD）。", "请使用GET读取该文件。"),
        en: ("This method cannot be used on the console's files.", "The console's files can only be read: use GET."),
    },
    Proxy0015 = {
        code: "PROXY.0015", status: 400, source: Proxy,
        zh: ("该地址只接受HTTPS。", "代理在此地址上终止TLS，收到的是明文HTTP请求。", "请在地址中使用https://。"),
        en: ("This address speaks HTTPS only.", "The proxy terminates TLS here and received plain HTTP: use https:// in the address."),
    },
    // Cloud Eye's own codes (its error-code page, "返回错误码说明"), for its metric calls. The
    // 403 of a missing permission carries the status itself as its code.
    Ces0001 = {
        code: "ces.0001", status: 400, source: CloudEye,
        zh: ("请求内容不能为空。", "请求内容为空。", "增加正确的请求内容。"),
        en: ("The content must be specified.", "Send the request's content."),
    },
    Ces0003 = {
        code: "ces.0003", status: 400, source: CloudEye,
        zh: ("项目ID为空或不正确。", "项目ID为空或不正确。", "添加或使用正确的项目ID。"),
        en: ("The tenant ID is left blank or incorrect.", "Use a correct project ID."),
    },
    Ces0006 = {
        code: "ces.0006", status: 400, source: CloudEye,
        zh: ("分页地址不正确。", "分页地址不正确。", "使用正确的分页信息。"),
        en: ("The paging address is incorrect.", "Use the marker of the previous page as start."),
    },
    Ces0007 = {
        code: "ces.0007", status: 500, source: CloudEye,
        zh: ("内部错误。", "内部错误。", "联系技术支持人员。"),
        en: ("Internal service error.", "Try again; if it persists, report it with the request ID."),
    },
    Ces0013 = {
        code: "ces.0013", status: 400, source: CloudEye,
        zh: ("无效的URL参数或参数不存在。", "无效的URL参数或参数不存在。", "检查URL参数。"),
        en: ("The URL parameter is invalid or does not exist.", "Check the URL parameters named in the message."),
    },
    Ces0014 = {
        code: "ces.0014", status: 400, source: CloudEye,
        zh: ("请求体错误。", "请求体错误。", "检查请求Body体参数。"),
        en: ("Some content in message body is not correct.", "Check the body fields named in the message."),
    },
    Ces0015 = {
        code: "ces.0015", status: 401, source: CloudEye,
        zh: ("认证失败或未提供认证信息。", "Token无效、已过期，或AK/SK签名错误。", "请重新登录获取新的Token，或检查AK/SK及签名后重试。"),
        en: ("Authentication fails or the authentication information is not provided.", "Sign in again to get a new token, or check the AK/SK and the signature, then try again."),
    },
    Ces403 = {
        code: "403", status: 403, source: CloudEye,
        zh: ("没有操作权限。", "用户的策略不允许云监控的授权项。", "请联系管理员为您授予错误信息中所列的授权项。"),
        en: ("You do not have permission to read these metrics.", "Ask your administrator to grant you the IAM action named in the message."),
    },
}
