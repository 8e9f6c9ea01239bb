"""The quick start of the API reference (chapter 4), run with Huawei's official Python SDK
against the emulator, signing with AK/SK. Exits non-zero, saying where, on the first surprise.

Environment: DWS_ENDPOINT (http://127.0.0.1:PORT), DWS_AK, DWS_SK, DWS_PROJECT_ID.
"""

import os
import sys
import time

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkdws.v2 import *  # noqa: F403 (the SDK's own style)
from huaweicloudsdkces.v1 import (BatchListMetricDataRequest, BatchListMetricDataRequestBody, CesClient,
                                  ListMetricsRequest, MetricInfo, MetricsDimension, ShowMetricDataRequest)
import requests

ENDPOINT = os.environ["DWS_ENDPOINT"]
AK = os.environ["DWS_AK"]
SK = os.environ["DWS_SK"]
PROJECT = os.environ["DWS_PROJECT_ID"]
VPC = "219ab8a0-1272-4049-a383-8ad0b770fa11"
SUBNET = "d23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec"
SG = "12e3c23a-8710-4b75-95e4-5c8d7f68ef3c"

client = (
    DwsClient.new_builder()
    .with_credentials(BasicCredentials(AK, SK, PROJECT))
    .with_endpoints([ENDPOINT])
    .build()
)
# Cloud Eye's own client; the emulator answers both services.
ces = (
    CesClient.new_builder()
    .with_credentials(BasicCredentials(AK, SK, PROJECT))
    .with_endpoints([ENDPOINT])
    .build()
)


def step(text):
    print("step:", text, flush=True)


def check(condition, what):
    if not condition:
        print("FAILED:", what, flush=True)
        sys.exit(1)


def wait_for(fetch, done, what, timeout=30.0):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        last = fetch()
        if done(last):
            return last
        time.sleep(0.05)
    print("FAILED: timed out waiting for", what, "- last seen:", last, flush=True)
    sys.exit(1)


def expect_error(call, status, code, what):
    try:
        call()
    except exceptions.ClientRequestException as e:
        check(e.status_code == status and e.error_code == code,
              "%s: expected %s %s, got %s %s (%s)" % (what, status, code, e.status_code, e.error_code, e.error_msg))
        check(bool(e.request_id), "%s: the error carries X-Request-Id" % what)
        return
    check(False, "%s: expected an error" % what)


def cluster(cluster_id):
    return client.list_cluster_details(ListClusterDetailsRequest(cluster_id=cluster_id)).cluster


def snapshot(snapshot_id):
    return client.list_snapshot_details(ListSnapshotDetailsRequest(snapshot_id=snapshot_id)).snapshot


step("2. node types")
node_types = client.list_node_types(ListNodeTypesRequest()).node_types
check(any(t.spec_name == "dws.d2.xlarge" for t in node_types), "dws.d2.xlarge is offered")
check(all(t.detail for t in node_types), "every node type has details")

step("3. create cluster dws-demo")
create_body = CreateClusterRequestBody(cluster=CreateClusterInfo(
    node_type="dws.d2.xlarge", number_of_node=3, subnet_id=SUBNET, security_group_id=SG, vpc_id=VPC,
    port=8000, name="dws-demo", user_name="dbadmin", user_pwd="Dws2017demo!",
    public_ip=PublicIp(public_bind_type="auto_assign")))
created = client.create_cluster(CreateClusterRequest(body=create_body))
cluster_id = created.cluster.id
check(created.status_code == 200 and cluster_id, "create answers 200 with an id")
expect_error(lambda: client.create_cluster(CreateClusterRequest(body=create_body)), 409, "DWS.5050", "a second dws-demo")
weak = CreateClusterRequestBody(cluster=CreateClusterInfo(
    node_type="dws.d2.xlarge", number_of_node=3, subnet_id=SUBNET, security_group_id=SG, vpc_id=VPC,
    name="dws-weak", user_name="dbadmin", user_pwd="Password!"))
expect_error(lambda: client.create_cluster(CreateClusterRequest(body=weak)), 400, "DWS.5144", "a weak password")

step("4. list clusters until dws-demo is AVAILABLE")
listed = client.list_clusters(ListClustersRequest())
check(listed.count == 1 and listed.clusters[0].name == "dws-demo", "the list has dws-demo")
check(listed.clusters[0].status == "CREATING", "it starts CREATING")
wait_for(lambda: client.list_clusters(ListClustersRequest()).clusters[0], lambda c: c.status == "AVAILABLE", "AVAILABLE")

step("5. cluster detail")
detail = cluster(cluster_id)
check(detail.endpoints and detail.endpoints[0].jdbc_url.startswith("jdbc:postgresql://"), "private endpoints")
check(detail.public_endpoints and detail.public_ip.eip_id, "public endpoints and an EIP for auto_assign")
check(detail.private_ip and len(detail.private_ip) == 3, "three private IPs")
check(detail.parameter_group.status == "In-Sync" and detail.maintain_window.day, "parameter group and window")

step("Cloud Eye: the cluster's metrics, read from its server")
dim = "datastore_id," + cluster_id
listed = wait_for(lambda: ces.list_metrics(ListMetricsRequest(namespace="SYS.DWS", dim_0=dim)),
                  lambda l: any(m.metric_name == "dws009_session_count" for m in l.metrics), "the first sample")
check(all(m.dimensions[0].value == cluster_id for m in listed.metrics), "only this cluster's series")
check(listed.meta_data.total == len(listed.metrics) and listed.meta_data.marker, "paging data")
# The emulator's clock runs faster than the wall's here: ask it the time.
now = requests.get(ENDPOINT + "/_emulator/clock", timeout=10).json()["now_ms"]
series = [MetricInfo(namespace="SYS.DWS", metric_name=m, dimensions=[MetricsDimension(name="datastore_id", value=cluster_id)])
          for m in ("dws009_session_count", "dws007_db_size")]
batch = ces.batch_list_metric_data(BatchListMetricDataRequest(body=BatchListMetricDataRequestBody(
    metrics=series, _from=now - 3600 * 1000, to=now + 60 * 1000, period="1", filter="average")))
check(len(batch.metrics) == 2, "one answer per series")
sessions, size = batch.metrics
check(sessions.unit == "count" and sessions.datapoints and sessions.datapoints[-1].average >= 0, "sessions counted")
check(size.unit == "MB" and size.datapoints and size.datapoints[-1].average > 0, "the database has a size")
one = ces.show_metric_data(ShowMetricDataRequest(namespace="SYS.DWS", metric_name="dws007_db_size", dim_0=dim,
                                                 _from=now - 3600 * 1000, to=now + 60 * 1000, period=1, filter="max"))
check(one.datapoints and one.datapoints[0].unit == "MB" and one.datapoints[0].max > 0, "one metric's points")
expect_error(lambda: ces.batch_list_metric_data(BatchListMetricDataRequest(body=BatchListMetricDataRequestBody(
    metrics=series, _from=now, to=now - 1, period="1", filter="average"))), 400, "ces.0014", "a range that ends before it starts")

step("6. create snapshot")
snap = client.create_snapshot(CreateSnapshotRequest(body=CreateSnapshotRequestBody(snapshot=Snapshot(
    name="snapshotForDemoCluster", cluster_id=cluster_id, description="Snapshot description"))))
snapshot_id = snap.snapshot.id
check(cluster(cluster_id).task_status == "SNAPSHOTTING", "the cluster is SNAPSHOTTING")

step("7. list snapshots until it is AVAILABLE")
wait_for(lambda: snapshot(snapshot_id), lambda s: s.status == "AVAILABLE", "the snapshot")
snaps = client.list_snapshots(ListSnapshotsRequest())
manual = [s for s in snaps.snapshots if s.id == snapshot_id][0]
check(manual.type == "MANUAL" and manual.size > 0 and manual.finished >= manual.started, "a finished manual snapshot")
automated = [s for s in snaps.snapshots if s.type != "MANUAL"]
check(automated, "the service took an automated snapshot")
expect_error(lambda: client.delete_snapshot(DeleteSnapshotRequest(snapshot_id=automated[0].id)), 400, "DWS.0007",
             "deleting an automated snapshot")

step("8. restore to dws-restore")
restored = client.restore_cluster(RestoreClusterRequest(snapshot_id=snapshot_id, body=RestoreClusterRequestBody(
    restore=Restore(name="dws-restore"))))
restored_id = restored.cluster.id
check(cluster(restored_id).task_status == "RESTORING", "RESTORING")
r = wait_for(lambda: cluster(restored_id), lambda c: c.status == "AVAILABLE", "the restored cluster")
check(r.node_type == "dws.d2.xlarge" and r.number_of_node == 3 and r.vpc_id == VPC, "the snapshot's specs")

step("resize dws-demo by one node")
client.resize_cluster(ResizeClusterRequest(cluster_id=cluster_id, body=ResizeClusterRequestBody(scale_out=ScaleOut(count=1))))
growing = cluster(cluster_id)
check(growing.task_status == "GROWING" and growing.resize_info.target_node_num == 4, "GROWING towards 4 nodes")
wait_for(lambda: cluster(cluster_id), lambda c: c.number_of_node == 4 and not c.task_status, "4 nodes")

step("restart dws-demo")
client.restart_cluster(RestartClusterRequest(cluster_id=cluster_id, body=RestartClusterRequestBody(restart={})))
check(cluster(cluster_id).task_status == "REBOOTING", "REBOOTING")
wait_for(lambda: cluster(cluster_id), lambda c: not c.task_status, "the restart")

step("reset the administrator password")
reset = client.reset_password(ResetPasswordRequest(cluster_id=cluster_id, body=ResetPasswordRequestBody(new_password="NewPass!2026")))
check(reset.status_code == 200, "reset answers 200")
expect_error(lambda: client.reset_password(ResetPasswordRequest(cluster_id=cluster_id, body=ResetPasswordRequestBody(
    new_password="nimdabd"))), 400, "DWS.5144", "a password breaking the rules")

step("9. delete the manual snapshot")
deleted = client.delete_snapshot(DeleteSnapshotRequest(snapshot_id=snapshot_id))
check(deleted.status_code == 202, "snapshot delete answers 202")
expect_error(lambda: snapshot(snapshot_id), 404, "DWS.0002", "the deleted snapshot")

step("10. delete both clusters")
for cid in (cluster_id, restored_id):
    d = client.delete_cluster(DeleteClusterRequest(cluster_id=cid, body=DeleteClusterRequestBody(keep_last_manual_snapshot=0)))
    check(d.status_code == 202, "cluster delete answers 202")
wait_for(lambda: client.list_clusters(ListClustersRequest()), lambda l: l.count == 0, "both clusters gone")
expect_error(lambda: cluster(cluster_id), 404, "DWS.0001", "the deleted cluster")
check(client.list_snapshots(ListSnapshotsRequest()).count == 0, "no snapshot outlives keep_last_manual_snapshot=0")

print("quick start OK", flush=True)
