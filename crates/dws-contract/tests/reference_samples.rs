//! Every JSON sample of the reference parses into its type and re-serialises to equivalent JSON.
//!
//! Samples are copied from `dws-api-reference.zh.md`. Where a sample is not valid JSON (page breaks,
//! stray commas, a missing value) it is repaired as little as possible, and each repair is noted
//! above the sample. "Equivalent" means equal after dropping `null` members (absent and `null`
//! mean the same to every reader) and comparing numbers by value (`500` and `500.0`).

use dws_contract::ErrorBody;
use dws_contract::status::*;
use dws_contract::types::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn normalise(v: Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, normalise(v))).collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(normalise).collect()),
        Value::Number(n) => serde_json::json!(n.as_f64().expect("finite")),
        other => other,
    }
}

/// Parses `sample` as `T`, writes it back, and checks the result against `expected`.
fn round_trip_to<T: DeserializeOwned + Serialize>(sample: &str, expected: &str) -> T {
    let parsed: T = serde_json::from_str(sample)
        .unwrap_or_else(|e| panic!("sample does not parse as {}: {e}", std::any::type_name::<T>()));
    let written = serde_json::to_value(&parsed).unwrap();
    let expected: Value = serde_json::from_str(expected).expect("expected JSON is valid");
    assert_eq!(normalise(written), normalise(expected), "{}", std::any::type_name::<T>());
    parsed
}

fn round_trip<T: DeserializeOwned + Serialize>(sample: &str) -> T {
    round_trip_to(sample, sample)
}

// ---- 3 How to call the API ---------------------------------------------------------------

/// 3.1, the token request scoped to a project by id.
const TOKEN_REQUEST_3_1: &str = r#"{
  "auth": {
    "identity": {
      "methods": [
        "password"
      ],
      "password": {
        "user": {
          "name": "user_name",
          "password": "*****",
          "domain": {
            "name": "domainname"
          }
        }
      }
    },
    "scope": {
      "project": {
        "id": "xxxxxxxxxxxxxxxxxxxxxx"
      }
    }
  }
}"#;

/// 3.2, the same request. Repaired: a page break dropped the braces closing `password` and
/// `identity`, which put `scope` inside `password`; they are restored.
const TOKEN_REQUEST_3_2: &str = r#"{
  "auth": {
    "identity": {
      "methods": [
        "password"
      ],
      "password": {
    "user": {
      "name": "user_name",
      "password": "*****",
      "domain": {
        "name": "domainname"
      }
    }
      }
    },
    "scope": {
      "project": {
        "id": "xxxxxxx"
      }
    }
  }
}"#;

/// 3.3, the token response. Repaired: the reference shows only its start and elides the rest
/// with `.....`; the catalog entry is completed with `type`, `url` and the closing brackets.
const TOKEN_RESPONSE_3_3: &str = r#"{
  "token": {
    "expires_at": "2019-02-13T06:52:13.855000Z",
    "methods": [
      "password"
    ],
    "catalog": [
      {
        "endpoints": [
          {
            "region_id": "ae-ad-1",
            "url": "https://dws.ae-ad-1.example.com"
          }
        ],
        "type": "dws"
      }
    ]
  }
}"#;

/// 3.3, the error body.
const ERROR_3_3: &str = r#"{
  "error_msg": "The format of message is error",
  "error_code": "AS.0001"
}"#;

#[test]
fn token_requests() {
    let r: AuthTokenRequest = round_trip(TOKEN_REQUEST_3_1);
    let user = &r.auth.identity.password.as_ref().unwrap().user;
    assert_eq!(user.name, "user_name");
    assert_eq!(user.password.expose(), "*****");
    assert_eq!(r.auth.scope.unwrap().project.unwrap().id.as_deref(), Some("xxxxxxxxxxxxxxxxxxxxxx"));
    let r: AuthTokenRequest = round_trip(TOKEN_REQUEST_3_2);
    assert_eq!(r.auth.scope.unwrap().project.unwrap().id.as_deref(), Some("xxxxxxx"));
}

#[test]
fn token_response() {
    let r: TokenResponse = round_trip(TOKEN_RESPONSE_3_3);
    assert_eq!(r.token.expires_at, "2019-02-13T06:52:13.855000Z");
    let catalog = r.token.catalog.unwrap();
    assert_eq!(catalog[0].endpoints[0].region_id.as_deref(), Some("ae-ad-1"));
}

#[test]
fn error_body() {
    let e: ErrorBody = round_trip(ERROR_3_3);
    assert_eq!(e.error_code, "AS.0001");
    assert_eq!(e.error_msg, "The format of message is error");
}

// ---- 4 Quick start -------------------------------------------------------------------------

/// Step 1, the token request scoped to a project by name.
const QS1_TOKEN_REQUEST: &str = r#"{
  "auth": {
    "identity": {
      "methods": [
        "password"
      ],
      "password": {
        "user": {
          "name": "testname",
          "domain": {
            "name": "testname"
          },
          "password": "Passw0rd"
        }
      }
    },
    "scope": {
      "project": {
        "name": "ae-ad-1"
      }
    }
  }
}"#;

/// Step 2, node types. Repaired: a page break split the second `detail` array; the halves are
/// joined.
const QS2_NODE_TYPES: &str = r#"{
  "node_types": [
    {
      "spec_name": "dws.d2.xlarge",
      "id": "ebe532d6-665f-40e6-a4d4-3c51545b6a67",
      "detail": [
        {
          "type": "vCPU",
          "value": "4"
        },
        {
          "value": "1675",
          "type": "LOCAL_DISK",
          "unit": "GB"
        },
        {
          "type": "mem",
          "value": "32",
          "unit": "GB"
        }
      ]
    },
    {
      "spec_name": "dws.m1.xlarge.ultrahigh",
      "id": "ebe532d6-665f-40e6-a4d4-3c51545b4f71",
      "detail": [
        {
          "type": "vCPU",
        "value": "4"
      },
      {
        "value": "512",
        "type": "SSD",
        "unit": "GB"
      },
      {
        "type": "mem",
        "value": "32",
        "unit": "GB"
      }
    ]
  }
]
}"#;

/// Step 3, create cluster. The quick start sends the fields bare; chapter 5 (normative) wraps them
/// in `{"cluster":…}`. The bare object is a `CreateClusterInfo`.
const QS3_CREATE_CLUSTER: &str = r#"{
  "node_type": "dws.d1.xlarge",
  "number_of_node": 3,
  "subnet_id": "d23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec",
  "security_group_id": "12e3c23a-8710-4b75-95e4-5c8d7f68ef3c",
  "vpc_id": "219ab8a0-1272-4049-a383-8ad0b770fa11",
  "port": 8000,
  "name": "dws-demo",
  "user_name": "dbadmin",
  "user_pwd": "Dws2017demo!",
  "public_ip": {
    "public_bind_type": "auto_assign"
  }
}"#;

/// Step 4, list clusters. Repaired: a page break left a trailing comma after
/// `availability_zone` and lost the indentation of the rest; the object and the document are
/// closed (the closing `}` of the response is missing).
const QS4_LIST_CLUSTERS: &str = r#"{
  "clusters": [
    {
      "id": "7ba031f6-81f4-4670-ad20-c490b91877e5",
      "status": "AVAILABLE",
      "sub_status": "NORMAL",
      "task_status": null,
      "action_progress": null,
      "node_type": "dws.d1.xlarge",
      "subnet_id": "d23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec",
      "security_group_id": "12e3c23a-8710-4b75-95e4-5c8d7f68ef3c",
      "number_of_node": 3,
      "availability_zone": "ae-ad-1",
"port": 8000,
"name": "dws-demo",
"version": "1.1.0",
"vpc_id": "219ab8a0-1272-4049-a383-8ad0b770fa11",
"user_name": "dbadmin",
"public_ip": {
  "public_bind_type": "auto_assign",
  "eip_id": "85b20d7e-9eb7-4b2a-98f3-3c8843ea3574"
},
"public_endpoints": [
  {
    "public_connect_info": "10.0.0.8:8000",
    "jdbc_url": "jdbc:postgresql://10.0.0.8:8000/<YOUR_DATABASE_name>"
  }
],
"endpoints": [
  {
    "connect_info": "192.168.0.10:8000",
    "jdbc_url": "jdbc:postgresql://192.168.0.10:8000/<YOUR_DATABASE_name>"
  },
  {
    "connect_info": "192.168.0.12:8000",
    "jdbc_url": "jdbc:postgresql://192.168.0.12:8000/<YOUR_DATABASE_name>"
  }
],
"updated": "2018-01-15T12:50:06",
"created": "2018-01-15T12:50:06",
"recent_event": 1
}
]
}"#;

/// Step 5, cluster detail. Repaired: the `public_endpoints` array is not closed (`]` added); a
/// page break split the parameter group's name over two lines (joined, keeping its trailing
/// space); the document's closing `}` is added.
const QS5_CLUSTER_DETAIL: &str = r#"{
  "cluster": {
    "id": "7ba031f6-81f4-4670-ad20-c490b91877e5",
    "status": "AVAILABLE",
    "name": "dws-demo",
    "updated": "2018-01-15T12:50:06",
    "created": "2018-01-15T12:50:06",
    "user_name": "dbadmin",
    "sub_status": "NORMAL",
    "task_status": null,
    "action_progress": null,
    "node_type": "dws.d1.xlarge",
    "node_type_id": "5ddb1071-c5d7-40e0-a874-8a032e81a697",
    "subnet_id": "d23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec",
    "security_group_id": "12e3c23a-8710-4b75-95e4-5c8d7f68ef3c",
    "number_of_node": 3,
    "availability_zone": "ae-ad-1",
    "port": 8000,
    "vpc_id": "219ab8a0-1272-4049-a383-8ad0b770fa11",
    "public_ip": {
      "public_bind_type": "auto_assign",
      "eip_id": "85b20d7e-9eb7-4b2a-98f3-3c8843ea3574"
    },
    "public_endpoints": [
{
  "public_connect_info": "10.0.0.8:8000",
  "jdbc_url": "jdbc:postgresql://10.0.0.8:8000/<YOUR_DATABASE_name>"
}
],
"endpoints": [
  {
    "connect_info": "192.168.0.10:8000",
    "jdbc_url": "jdbc:postgresql://192.168.0.10:8000/<YOUR_DATABASE_name>"
  },
  {
    "connect_info": "192.168.0.12:8000",
    "jdbc_url": "jdbc:postgresql://192.168.0.12:8000/<YOUR_DATABASE_name>"
  }
],
"version": "1.1.0",
"maintain_window": {
  "day": "Wed",
  "start_time": "22:00",
  "end_time": "02:00"
},
"recent_event": 1,
"tags": null,
"parameter_group": {
  "id": "157e9cc4-64a8-11e8-adc0-fa7ae01bbebc",
  "name": "Default-Parameter-Group-dws ",
  "status": "In-Sync"
}
}
}"#;

/// Step 6, create snapshot.
const QS6_CREATE_SNAPSHOT: &str = r#"{
  "snapshot": {
    "name": "snapshotForDemoCluster",
    "cluster_id": "7ba031f6-81f4-4670-ad20-c490b91877e5",
    "description": "Snapshot description"
  }
}"#;

/// Step 6, its response.
const QS6_CREATE_SNAPSHOT_RESPONSE: &str = r#"{
  "snapshot": {
    "id": "2a4d0f86-67cd-408a-8b66-017454fb7793"
  }
}"#;

/// Step 7, snapshot detail. Repaired: a page break closed the object after `description` (with
/// a trailing comma) and reopened it; the halves are joined. `finished` (13:01:40) is before
/// `started` (13:59:23), a typo: it is read as written, and only the checks below note it.
const QS7_SNAPSHOT_DETAIL: &str = r#"{
  "snapshot": {
    "id": "2a4d0f86-67cd-408a-8b66-017454fb7793",
    "name": "snapshotForDemoCluster",
    "description": "Snapshot description",
"started": "2018-01-18T13:59:23Z",
"finished": "2018-01-18T13:01:40Z",
"size": 500,
"status": "AVAILABLE",
"type": "MANUAL",
"cluster_id": "4f87d3c4-9e33-482f-b962-e23b30d1a18c"
}
}"#;

/// Step 8, restore.
const QS8_RESTORE: &str = r#"{
  "restore": {
    "name": "dws-restore"
  }
}"#;

/// Step 10, delete cluster.
const QS10_DELETE_CLUSTER: &str = r#"{
  "keep_last_manual_snapshot":0
}"#;

#[test]
fn quick_start_token_request() {
    let r: AuthTokenRequest = round_trip(QS1_TOKEN_REQUEST);
    let scope = r.auth.scope.unwrap().project.unwrap();
    assert_eq!(scope.name.as_deref(), Some("ae-ad-1"));
    assert_eq!(scope.id, None);
}

#[test]
fn quick_start_node_types() {
    let r: NodeTypesResponse = round_trip(QS2_NODE_TYPES);
    assert_eq!(r.node_types.len(), 2);
    assert_eq!(r.node_types[0].spec_name, "dws.d2.xlarge");
    assert_eq!(r.node_types[0].vcpus(), Some(4));
    assert_eq!(r.node_types[1].disk().unwrap().kind, &DetailType::Ssd);
}

#[test]
fn quick_start_create_cluster() {
    let c: CreateClusterInfo = round_trip(QS3_CREATE_CLUSTER);
    assert_eq!(c.name, "dws-demo");
    assert_eq!(c.public_ip.as_ref().unwrap().public_bind_type, PublicBindType::AutoAssign);
    assert!(dws_contract::rules::create_cluster(&c).is_empty(), "the quick start's cluster is valid");
    // Wrapped, as chapter 5 sends it.
    let wrapped = format!(r#"{{"cluster":{QS3_CREATE_CLUSTER}}}"#);
    let r: CreateClusterRequest = round_trip(&wrapped);
    assert_eq!(r.cluster, c);
}

#[test]
fn quick_start_list_clusters() {
    let r: ListClustersResponse = round_trip(QS4_LIST_CLUSTERS);
    let c = &r.clusters[0];
    assert_eq!(c.status, ClusterStatus::Available);
    assert!(c.sub_status.as_ref().unwrap().is_normal());
    assert_eq!(c.task_status, None);
    assert_eq!(c.number_of_node, Some(3));
    assert_eq!(c.endpoints.as_ref().unwrap().len(), 2);
    assert_eq!(c.created.as_deref(), Some("2018-01-15T12:50:06"));
    assert!(!c.is_changing());
}

#[test]
fn quick_start_cluster_detail() {
    let r: ShowClusterResponse = round_trip(QS5_CLUSTER_DETAIL);
    let d = &r.cluster;
    assert_eq!(d.node_type_id.as_deref(), Some("5ddb1071-c5d7-40e0-a874-8a032e81a697"));
    assert_eq!(d.maintain_window.as_ref().unwrap().day, Some(Weekday::Wed));
    assert_eq!(d.parameter_group.as_ref().unwrap().status, ParameterGroupStatus::InSync);
    assert_eq!(d.parameter_group.as_ref().unwrap().name, "Default-Parameter-Group-dws ");
    assert_eq!(d.info.tags, None);
}

#[test]
fn quick_start_snapshots() {
    let r: CreateSnapshotRequest = round_trip(QS6_CREATE_SNAPSHOT);
    assert!(dws_contract::rules::create_snapshot(&r.snapshot).is_empty());
    let r: SnapshotIdResponse = round_trip(QS6_CREATE_SNAPSHOT_RESPONSE);
    assert_eq!(r.snapshot.id, "2a4d0f86-67cd-408a-8b66-017454fb7793");
    let r: ShowSnapshotResponse = round_trip(QS7_SNAPSHOT_DETAIL);
    let s = r.snapshot;
    assert_eq!(s.size, Some(500.0));
    assert_eq!(s.kind, Some(SnapshotType::Manual));
    assert_eq!(s.status, SnapshotStatus::Available);
    // The sample's typo: finished is before started. Read as written; the product never emits it.
    assert!(s.finished < s.started);
}

#[test]
fn quick_start_restore_and_delete() {
    let r: RestoreClusterRequest = round_trip(QS8_RESTORE);
    assert_eq!(r.restore.name, "dws-restore");
    assert_eq!(r.restore.subnet_id, None);
    let r: DeleteClusterRequest = round_trip(QS10_DELETE_CLUSTER);
    assert_eq!(r.keep_last_manual_snapshot, 0);
}

// ---- 5 API reference -----------------------------------------------------------------------

/// 5.1.1, create cluster. Repaired: `"node_type": ,` has no value (invalid JSON); the quick start's
/// node type `dws.d2.xlarge` from 5.1.4 is filled in.
const CREATE_CLUSTER_5_1_1: &str = r#"{
  "cluster": {
    "node_type": "dws.d2.xlarge",
    "number_of_node": 3,
    "subnet_id": "374eca02-cfc4-4de7-8ab5-dbebf7d9a720",
    "security_group_id": "dc3ec145-9029-4b39-b5a3-ace5a01f772b",
    "vpc_id": "85b20d7e-9eb7-4b2a-98f3-3c8843ea3574",
    "availability_zone": "ae-ad-1",
    "port": 8000,
    "name": "dws-1",
    "user_name": "dbadmin",
    "user_pwd": "Password!",
    "public_ip": {
      "public_bind_type": "auto_assign",
      "eip_id": ""
    }
  }
}"#;

/// 5.1.1 and 5.2.5, the response. Repaired: a page break split it; joined.
const CLUSTER_ID_RESPONSE: &str = r#"{
  "cluster": {
"id": "7d85f602-a948-4a30-afd4-e84f47471c15"
}
}"#;

/// 5.1.2, list clusters. Repaired: the comma after `"recent_event": 6` is missing (added); a page
/// break split the tags; the comma after the `tags` array is a trailing comma (removed).
const LIST_CLUSTERS_5_1_2: &str = r#"{
  "clusters": [
    {
      "id": "7d85f602-a948-4a30-afd4-e84f47471c15",
      "status": "AVAILABLE",
      "sub_status": "READONLY",
      "task_status": "SNAPSHOTTING",
      "action_progress": {"SNAPSHOTTING": "20%"},
      "node_type": "dws.d1.xlarge.ultrahigh",
      "subnet_id": "374eca02-cfc4-4de7-8ab5-dbebf7d9a720",
      "security_group_id": "dc3ec145-9029-4b39-b5a3-ace5a01f772b",
      "number_of_node": 3,
      "availability_zone": "ae-ad-1",
      "port": 8000,
      "name": "dws-1",
      "version": "1.2.0",
      "vpc_id": "85b20d7e-9eb7-4b2a-98f3-3c8843ea3574",
      "user_name": "dbadmin",
      "public_ip": {
        "public_bind_type": "auto_assign",
        "eip_id": "85b20d7e-9eb7-4b2a-98f3-3c8843ea3574"
      },
      "public_endpoints": [
        {
          "public_connect_info": "10.0.0.8:8000",
          "jdbc_url": "jdbc:postgresql://10.0.0.8:8000/<YOUR_DATABASE_name>"
        }
      ],
      "endpoints": [
        {
          "connect_info": "192.168.0.12:8000",
          "jdbc_url": "jdbc:postgresql://192.168.0.12:8000/<YOUR_DATABASE_name>"
        }
      ],
      "updated": "2016-02-10T14:28:14Z",
      "created": "2016-02-10T14:26:14Z",
      "enterprise_project_id": "aca4e50a-266f-4786-827c-f8d6cc3fbada",
      "recent_event": 6,
      "tags": [
        {
          "key": "key1",
        "value": "value1"
      },
      {
        "key": "key2",
        "value": "value2"
      }
    ]
  }
]
}"#;

/// 5.1.3, cluster detail. Valid JSON as printed (the page breaks fell between members). Note the
/// sample's own oddities, kept: an `eip_id` that is not hexadecimal, and a trailing space in the
/// parameter group's name.
const CLUSTER_DETAIL_5_1_3: &str = r#"{
  "cluster": {
    "id": "7d85f602-a948-4a30-afd4-e84f47471c15",
    "status": "AVAILABLE",
    "name": "dws-1",
    "updated": "2018-02-10T14:28:14Z",
    "created": "2018-02-10T14:28:14Z",

"user_name": "dbadmin",
"sub_status": "READONLY",
"task_status": "SNAPSHOTTING",
"action_progress": {"SNAPSHOTTING": "20%"},
"node_type": "dws.m1.xlarge.ultrahigh",

"subnet_id": "374eca02-cfc4-4de7-8ab5-dbebf7d9a720",
"security_group_id": "dc3ec145-9029-4b39-b5a3-ace5a01f772b",
"number_of_node": 3,
"availability_zone": "ae-ad-1",
"port": 8000,
"vpc_id": "85b20d7e-9eb7-4b2a-98f3-3c8843ea3574",
"public_ip": {
  "public_bind_type": "auto_assign",
  "eip_id": "85b20d7e-9etypeb2a-98f3-3c8843ea3574"
},
"private_ip": ["192.168.0.12", "192.168.0.66"],
"public_endpoints": [
  {
    "public_connect_info": "10.0.0.8:8000",
    "jdbc_url": "jdbc:postgresql://10.0.0.8:8000/<YOUR_DATABASE_name>"
  }
],
"endpoints": [
  {
    "connect_info": "192.168.0.10:8000",
    "jdbc_url": "jdbc:postgresql://192.168.0.10:8000/<YOUR_DATABASE_name>"
  }
],
"version": "1.2.0",
"maintain_window": {
  "day": "Wed",
  "start_time": "22:00",
  "end_time": "02:00"
},
"resize_info" : {
  "target_node_num": "6",
  "origin_node_num": "3",
  "resize_status": "GROWING",
  "start_time": "2018-02-14T14:28:14Z",
  "origin_node_type": "dws.m1.xlarge.ultrahigh",      "target_node_type":
"dws.d2.xlarge"      },
"enterprise_project_id": "6a6a18fe-417a-4188-9214-75fd08c22065",
"recent_event": 6,
"tags":[
  {
    "key": "key1",
    "value": "value1"
  },
  {
    "key": "key2",
    "value": "value2"
  }
],

"parameter_group": {      "id": "157e9cc4-64a8-11e8-adc0-fa7ae01bbebc",
"name": "Default-Parameter-Group-dws ",      "status": "In-Sync"
}
}
}"#;

/// 5.1.4, node types. Repaired: after the first node type the sample closes the array (`],`) and
/// opens the second node type outside it; the stray `]` is removed so both are in the array.
const NODE_TYPES_5_1_4: &str = r#"{
  "node_types": [
    {
      "spec_name": "dws.d2.xlarge",
      "id": "ebe532d6-665f-40e6-a4d4-3c51545b6a67",
      "detail": [
        {
          "type": "vCPU",
          "value": "4"
        },
        {
          "value": "1675",
          "type": "LOCAL_DISK",
          "unit": "GB"
        },
        {
          "type": "mem",
          "value": "32",
          "unit": "GB"
        }
      ]
    },
  {

"spec_name": "dws.m1.xlarge.ultrahigh",
"id": "ebe532d6-665f-40e6-a4d4-3c51545b4f71",
"detail": [
  {
    "type": "vCPU",
    "value": "4"
  },
  {
    "value": "512",
    "type": "SSD",
    "unit": "GB"
  },
  {
    "type": "mem",
    "value": "32",
    "unit": "GB"
  }
]
}
]
}"#;

/// 5.1.5, delete cluster.
const DELETE_CLUSTER_5_1_5: &str = r#"{
"keep_last_manual_snapshot":0
}"#;

/// 5.1.6, restart.
const RESTART_5_1_6: &str = r#"{
  "restart":{}
}"#;

/// 5.1.7, scale out.
const RESIZE_5_1_7: &str = r#"{
  "scale_out":{
    "count":3
  }
}"#;

/// 5.1.8, reset password.
const RESET_PASSWORD_5_1_8: &str = r#"{
  "new_password": "NewPassword!"
}"#;

/// 5.2.1, create snapshot. Repaired: the closing `}` of the document is missing (added).
const CREATE_SNAPSHOT_5_2_1: &str = r#"{
  "snapshot": {
    "name": "snapshot-3",
"cluster_id": "44b277eb-39be-4921-be31-3d61b43651d7",
  "description": "Snapshot-3 description"
}
}"#;

/// 5.2.1, its response.
const CREATE_SNAPSHOT_RESPONSE_5_2_1: &str = r#"{
  "snapshot": {
    "id": "2a4d0f86-67cd-408a-8b66-017454fb7793"
  }
}"#;

/// 5.2.2, list snapshots.
const LIST_SNAPSHOTS_5_2_2: &str = r#"{
  "snapshots": [
    {
      "id": "2a4d0f86-67cd-408a-8b66-017454fb7793",
      "name": "snapshot-1",
      "description": "",
      "started": "2016-08-23T03:59:23Z",
      "finished": "2016-08-23T04:01:40Z",
      "size": 500,
      "status": "AVAILABLE",
      "type": "MANUAL",
      "cluster_id": "4f87d3c4-9e33-482f-b962-e23b30d1a18c"
    },
    {
      "id": "4af11460-06ec-48a4-b3ad-0e3bbdcd8ab1",
      "name": "snapshot-2",
      "description": "",
      "started": "2016-08-23T18:20:00Z",
      "finished": "2016-08-23T18:22:12Z",
      "size": 500,
      "status": "AVAILABLE",
      "type": "MANUAL",
      "cluster_id": "4f87d3c4-9e33-482f-b962-e23b30d1a18c"
    }
  ],
  "count": 2
}"#;

/// 5.2.3, snapshot detail.
const SNAPSHOT_DETAIL_5_2_3: &str = r#"{
  "snapshot": {
    "id": "2a4d0f86-67cd-408a-8b66-017454fb7793",
    "name": "snapshot-1",
    "description": "snapshot description",
    "started": "2016-08-23T03:59:23Z",
    "finished": "2016-08-23T04:01:40Z",
    "size": 500,
    "status": "AVAILABLE",
    "type": "MANUAL",
    "cluster_id": "4f87d3c4-9e33-482f-b962-e23b30d1a18c"
  }
}"#;

/// 5.2.5, restore; `enterprise_project_id` beside `restore`, as the sample has it.
const RESTORE_5_2_5: &str = r#"{"restore": {
  "name": "dws-1",
  "subnet_id": "374eca02-cfc4-4de7-8ab5-dbebf7d9a720",
  "security_group_id": "dc3ec145-9029-4b39-b5a3-ace5a01f772b",
  "vpc_id": "85b20d7e-9eb7-4b2a-98f3-3c8843ea3574",
  "availability_zone": "ae-ad-1",
  "port": 8000,
  "public_ip": {
    "public_bind_type": "auto_assign",
    "eip_id": ""
  }
},
  "enterprise_project_id": "aca4e50a-266f-4786-827c-f8d6cc3fbada"
}"#;

#[test]
fn create_cluster_sample() {
    let r: CreateClusterRequest = round_trip(CREATE_CLUSTER_5_1_1);
    assert_eq!(r.cluster.public_ip.as_ref().unwrap().eip(), None, "empty eip_id means none");
    assert_eq!(r.cluster.availability_zone.as_deref(), Some("ae-ad-1"));
    let r: ClusterIdResponse = round_trip(CLUSTER_ID_RESPONSE);
    assert_eq!(r.cluster.id, "7d85f602-a948-4a30-afd4-e84f47471c15");
}

#[test]
fn list_clusters_sample() {
    let r: ListClustersResponse = round_trip(LIST_CLUSTERS_5_1_2);
    let c = &r.clusters[0];
    assert_eq!(c.task_status, Some(ClusterTask::Snapshotting));
    assert_eq!(c.progress(), Some((ClusterTask::Snapshotting, Some(20))));
    assert!(c.sub_status.as_ref().unwrap().has(&SubStatusFlag::Readonly));
    assert_eq!(c.tags.as_ref().unwrap()[1], Tag { key: "key2".into(), value: "value2".into() });
    assert!(dws_contract::rules::tags(c.tags.as_ref().unwrap()).is_ok());
    assert!(c.is_changing());
}

#[test]
fn cluster_detail_sample() {
    // resize_info's node counts are strings in the sample and integers in table 5-25: they are
    // read from strings and written as integers, so the expected JSON has integers.
    let expected = CLUSTER_DETAIL_5_1_3
        .replace(r#""target_node_num": "6""#, r#""target_node_num": 6"#)
        .replace(r#""origin_node_num": "3""#, r#""origin_node_num": 3"#);
    assert_ne!(expected, CLUSTER_DETAIL_5_1_3);
    let r: ShowClusterResponse = round_trip_to(CLUSTER_DETAIL_5_1_3, &expected);
    let resize = r.cluster.resize_info.as_ref().unwrap();
    assert_eq!(resize.target_node_num, Some(6));
    assert_eq!(resize.origin_node_num, Some(3));
    assert_eq!(resize.resize_status, Some(ResizeStatus::Growing));
    assert_eq!(resize.target_node_type.as_deref(), Some("dws.d2.xlarge"));
    assert_eq!(r.cluster.private_ip.as_ref().unwrap().len(), 2);
    assert_eq!(r.cluster.info.enterprise_project_id.as_deref(), Some("6a6a18fe-417a-4188-9214-75fd08c22065"));
}

#[test]
fn node_types_sample() {
    let r: NodeTypesResponse = round_trip(NODE_TYPES_5_1_4);
    assert_eq!(r.node_types.len(), 2);
    assert_eq!(r.node_types[1].memory(), Some((32.0, Some("GB"))));
    // The same data as the quick start's sample.
    let qs: NodeTypesResponse = serde_json::from_str(QS2_NODE_TYPES).unwrap();
    assert_eq!(qs, r);
}

#[test]
fn cluster_action_samples() {
    let r: DeleteClusterRequest = round_trip(DELETE_CLUSTER_5_1_5);
    assert_eq!(r.keep_last_manual_snapshot, 0);
    let _: RestartClusterRequest = round_trip(RESTART_5_1_6);
    let r: ResizeClusterRequest = round_trip(RESIZE_5_1_7);
    assert_eq!(r.scale_out, Some(ScaleOut { count: 3 }));
    let r: ResetPasswordRequest = round_trip(RESET_PASSWORD_5_1_8);
    assert_eq!(r.new_password.expose(), "NewPassword!");
}

#[test]
fn snapshot_samples() {
    let r: CreateSnapshotRequest = round_trip(CREATE_SNAPSHOT_5_2_1);
    assert_eq!(r.snapshot.description.as_deref(), Some("Snapshot-3 description"));
    let r: SnapshotIdResponse = round_trip(CREATE_SNAPSHOT_RESPONSE_5_2_1);
    assert_eq!(r.snapshot.id, "2a4d0f86-67cd-408a-8b66-017454fb7793");
    let r: ListSnapshotsResponse = round_trip(LIST_SNAPSHOTS_5_2_2);
    assert_eq!(r.count, Some(2));
    assert_eq!(r.snapshots[1].name, "snapshot-2");
    assert!(r.snapshots.iter().all(|s| s.finished >= s.started));
    let r: ShowSnapshotResponse = round_trip(SNAPSHOT_DETAIL_5_2_3);
    assert_eq!(r.snapshot.description.as_deref(), Some("snapshot description"));
}

#[test]
fn restore_sample() {
    let r: RestoreClusterRequest = round_trip(RESTORE_5_2_5);
    assert_eq!(r.enterprise_project_id(), Some("aca4e50a-266f-4786-827c-f8d6cc3fbada"));
    assert_eq!(r.restore.port, Some(8000));
    assert!(dws_contract::rules::restore(&r.restore, r.enterprise_project_id()).is_empty());
    let r: ClusterIdResponse = round_trip(CLUSTER_ID_RESPONSE);
    assert_eq!(r.job_id, None);
    // The live service may add a job id; it is read, not rejected.
    let with_job: ClusterIdResponse =
        serde_json::from_str(r#"{"cluster":{"id":"c1","job_id":"j0"},"job_id":"j1"}"#).unwrap();
    assert_eq!(with_job.job_id.as_deref(), Some("j1"));
}

// ---- 7 Appendix ----------------------------------------------------------------------------

/// 7.4, projects. Repaired: `"name": "my-kualalumpur-1""ae-ad-1"` holds two strings with no
/// separator; the region name this reference uses throughout, `ae-ad-1`, is kept.
const PROJECTS_7_4: &str = r#"{
  "projects": [
    {
      "domain_id": "65382450e8f64ac0870cd180d14e684b",
      "is_domain": false,
      "parent_id": "65382450e8f64ac0870cd180d14e684b",
      "name": "ae-ad-1",
      "description": "",
      "links": {
        "next": null,
        "previous": null,
        "self": "https://www.example.com/v3/projects/a4a5d4098fb4474fa22cd05f897d6b99"
      },
      "id": "a4a5d4098fb4474fa22cd05f897d6b99",
      "enabled": true
    }
  ],
  "links": {
    "next": null,
    "previous": null,
    "self": "https://www.example.com/v3/projects"
  }
}"#;

#[test]
fn projects_sample() {
    let r: ProjectsResponse = round_trip(PROJECTS_7_4);
    let p = &r.projects[0];
    assert_eq!(p.id, "a4a5d4098fb4474fa22cd05f897d6b99");
    assert!(dws_contract::rules::is_project_id(&p.id));
    assert_eq!(p.name, "ae-ad-1");
    assert_eq!(p.enabled, Some(true));
    // null links are written back as null, as IAM does.
    let v = serde_json::to_value(&r).unwrap();
    assert!(v["links"]["next"].is_null() && v["links"].get("next").is_some());
}

// ---- Tolerance: the live service's variants (NOTES.md) -------------------------------------

#[test]
fn unknown_values_and_fields_survive() {
    let text = r#"{"clusters":[{"id":"c","name":"n","status":"ACTIVE","sub_status":"NORMAL | MAINTAINING",
        "task_status":"CONFIGURING_MAGIC","action_progress":{"MIGRATING":"3%"},"number_of_node":"4",
        "spec_version":"8.1.3","elb":{"id":"x"}}],"count":"1"}"#;
    let r: ListClustersResponse = serde_json::from_str(text).unwrap();
    let c = &r.clusters[0];
    assert!(c.status.is_available());
    assert_eq!(c.task_status, Some(ClusterTask::Other("CONFIGURING_MAGIC".into())));
    assert_eq!(c.progress(), Some((ClusterTask::Other("MIGRATING".into()), Some(3))));
    assert_eq!(c.number_of_node, Some(4));
    assert_eq!(r.count, Some(1));
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["clusters"][0]["status"], "ACTIVE");
    assert_eq!(v["clusters"][0]["sub_status"], "NORMAL | MAINTAINING");
    assert_eq!(v["clusters"][0]["task_status"], "CONFIGURING_MAGIC");
}

#[test]
fn every_status_value_of_the_reference_is_known() {
    for s in ["CREATING", "AVAILABLE", "UNAVAILABLE", "CREATION FAILED"] {
        assert!(ClusterStatus::from(s).is_known(), "{s}");
    }
    for s in ["ACTIVE", "FAILED", "CREATE_FAILED", "DELETING", "DELETE_FAILED", "FROZEN"] {
        assert!(ClusterStatus::from(s).is_known(), "{s}");
    }
    for s in [
        "RESTORING", "SNAPSHOTTING", "GROWING", "REBOOTING", "SETTING_CONFIGURATION",
        "CONFIGURING_EXT_DATASOURCE", "DELETING_EXT_DATASOURCE", "REBOOT_FAILURE", "RESIZE_FAILURE",
        "REPAIRING", "CREATING",
    ] {
        assert!(ClusterTask::from(s).is_known(), "{s}");
    }
    for s in ["In-Sync", "Applying", "Pending-Reboot", "Sync-Failure"] {
        assert!(ParameterGroupStatus::from(s).is_known(), "{s}");
    }
    for s in ["MANUAL", "AUTO", "AUTOMATED"] {
        assert!(SnapshotType::from(s).is_known(), "{s}");
    }
    for s in ["CREATING", "AVAILABLE", "UNAVAILABLE"] {
        assert!(SnapshotStatus::from(s).is_known(), "{s}");
    }
    for s in ["auto_assign", "not_use", "bind_existing"] {
        assert!(PublicBindType::from(s).is_known(), "{s}");
    }
}
