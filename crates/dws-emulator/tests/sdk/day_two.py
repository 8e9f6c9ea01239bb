"""The cluster's day two, driven with Huawei's official Python SDK against the emulator, signing
with AK/SK: every day-two operation the emulator serves, while the emulator's manual clock moves
four days ahead of the wall clock the SDK signs with. Exits non-zero, saying where, on the first
surprise.

Environment: DWS_ENDPOINT (http://127.0.0.1:PORT, an emulator started with --clock manual),
DWS_AK, DWS_SK, DWS_PROJECT_ID.
"""

import os
import sys
import time

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkdws.v2 import *  # noqa: F403 (the SDK's own style)
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


def step(text):
    print("step:", text, flush=True)


def check(condition, what):
    if not condition:
        print("FAILED:", what, flush=True)
        sys.exit(1)


def advance(seconds):
    """Moves the emulator's clock; the work that falls due is done."""
    r = requests.post(ENDPOINT + "/_emulator/clock", json={"advance_seconds": seconds}, timeout=30)
    check(r.status_code == 200, "the clock moved: %s %s" % (r.status_code, r.text))


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
        return
    check(False, "%s: expected an error" % what)


def cluster(cluster_id):
    return client.list_cluster_details(ListClusterDetailsRequest(cluster_id=cluster_id)).cluster


def job(job_id):
    return client.list_job_details(ListJobDetailsRequest(job_id=job_id))


step("a cluster to work on")
created = client.create_cluster(CreateClusterRequest(body=CreateClusterRequestBody(cluster=CreateClusterInfo(
    node_type="dws.d2.xlarge", number_of_node=3, subnet_id=SUBNET, security_group_id=SG, vpc_id=VPC,
    name="dws-day-two", user_name="dbadmin", user_pwd="Dws2017demo!"))))
cluster_id = created.cluster.id
advance(60)
wait_for(lambda: cluster(cluster_id), lambda c: c.status == "AVAILABLE", "AVAILABLE")

step("list_cluster_nodes")
nodes = client.list_cluster_nodes(ListClusterNodesRequest(cluster_id=cluster_id))
check(nodes.count == 1 and nodes.node_list[0].status == "ACTIVE", "one active node: %s" % nodes)
check(nodes.node_list[0].id == cluster_id + "-node-1", "the node is its metrics' dws_instance_id")
filtered = client.list_cluster_nodes(ListClusterNodesRequest(cluster_id=cluster_id, filter_by="status", filter="STOPPED",
                                                             node_ids=[nodes.node_list[0].id, "other"]))
check(filtered.count == 0, "a filter the SDK sends as repeated keys")

step("update_maintenance_window")
client.update_maintenance_window(UpdateMaintenanceWindowRequest(cluster_id=cluster_id, body=MaintenanceWindow(
    day="Thu", start_time="22:00", end_time="02:00")))
window = cluster(cluster_id).maintain_window
check((window.day, window.start_time, window.end_time) == ("Thu", "22:00", "02:00"), "the new window: %s" % window)
expect_error(lambda: client.update_maintenance_window(UpdateMaintenanceWindowRequest(cluster_id=cluster_id, body=MaintenanceWindow(
    day="Thu", start_time="22:00", end_time="01:00"))), 400, "DWS.5038", "a window of three hours")

step("modify_cluster_name, list_job_details")
renamed = client.modify_cluster_name(ModifyClusterNameRequest(cluster_id=cluster_id, body=ClusterNameReq(cluster_name="dws-renamed")))
check(job(renamed.job_id).status == "SUCCESS", "the rename's job succeeded")
check(cluster(cluster_id).name == "dws-renamed", "the new name shows")
expect_error(lambda: job("00000000000000000000000000000000"), 404, "DWS.0010", "an unknown job")

step("batch_create_resource_tag, list_cluster_tags, batch_delete_resource_tag")
client.batch_create_resource_tag(BatchCreateResourceTagRequest(cluster_id=cluster_id, body=BatchCreateResourceTags(tags=[
    BatchCreateResourceTag(key="env", value="prod"), BatchCreateResourceTag(key="cost-center", value="dw-42")])))
tags = client.list_cluster_tags(ListClusterTagsRequest(cluster_id=cluster_id)).tags
check(sorted((t.key, t.value) for t in tags) == [("cost-center", "dw-42"), ("env", "prod")], "the tags: %s" % tags)
client.batch_delete_resource_tag(BatchDeleteResourceTagRequest(cluster_id=cluster_id, body=BatchDeleteResourceTags(tags=[
    BatchDeleteResourceTag(key="env", value="prod")])))
check([t.key for t in client.list_cluster_tags(ListClusterTagsRequest(cluster_id=cluster_id)).tags] == ["cost-center"], "env removed")
expect_error(lambda: client.batch_delete_resource_tag(BatchDeleteResourceTagRequest(cluster_id=cluster_id, body=BatchDeleteResourceTags(
    tags=[BatchDeleteResourceTag(key="nope", value="")]))), 400, "DWS.5191", "removing a tag that is not there")

step("list_snapshot_policy, create_snapshot_policy, delete_snapshot_policy")
policies = client.list_snapshot_policy(ListSnapshotPolicyRequest(cluster_id=cluster_id))
check(policies.keep_day == 7 and policies.auto_backup is True and len(policies.backup_strategies) == 2, "the defaults")
full = [p for p in policies.backup_strategies if p.backup_type == "full"][0]
client.delete_snapshot_policy(DeleteSnapshotPolicyRequest(cluster_id=cluster_id, id=full.policy_id))
client.create_snapshot_policy(CreateSnapshotPolicyRequest(cluster_id=cluster_id, body=CreateSnapshotPolicyRequestBody(
    keep_day=2, backup_strategies=[BackupStrategyRequest(policy_name="every-six-hours", backup_strategy="0 0 */6 * * ?",
                                                         backup_type="full", backup_level="cluster")])))
policies = client.list_snapshot_policy(ListSnapshotPolicyRequest(cluster_id=cluster_id))
names = sorted(p.policy_name for p in policies.backup_strategies)
check(policies.keep_day == 2 and names == ["default-increment-strategy", "every-six-hours"], "the new policy: %s" % policies)
check(all(p.next_fire_time and int(p.next_fire_time) > 0 for p in policies.backup_strategies), "each has a next run")
expect_error(lambda: client.create_snapshot_policy(CreateSnapshotPolicyRequest(cluster_id=cluster_id, body=CreateSnapshotPolicyRequestBody(
    backup_strategies=[BackupStrategyRequest(policy_name="EVERY-SIX-HOURS", backup_strategy="0 0 1 * * ?", backup_type="full")]))),
    400, "DWS.5039", "a name taken whatever its case")
expect_error(lambda: client.delete_snapshot_policy(DeleteSnapshotPolicyRequest(cluster_id=cluster_id, id=full.policy_id)),
             404, "DWS.0011", "a policy already deleted")

step("four days on the emulator's clock: automated snapshots, retention; the SDK still signs")
advance(4 * 86400)


def automated():
    return [s for s in client.list_snapshots(ListSnapshotsRequest()).snapshots
            if s.cluster_id == cluster_id and s.type == "AUTOMATED" and "(" in (s.description or "")]


taken = wait_for(automated, lambda s: len(s) >= 8 and all(x.status == "AVAILABLE" for x in s), "the scheduled snapshots")
now = requests.get(ENDPOINT + "/_emulator/clock", timeout=10).json()["now_ms"]
check(all(s.description for s in taken), "each says which policy took it")
oldest = min(s.started for s in taken)
check(oldest >= time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now / 1000 - 2 * 86400)), "retention kept two days: %s" % oldest)

step("copy_snapshot of an automated snapshot")
copy = client.copy_snapshot(CopySnapshotRequest(snapshot_id=taken[0].id, body=LinkCopyReq(backup_name="kept-copy", description="kept")))
advance(60)
kept = wait_for(lambda: client.list_snapshot_details(ListSnapshotDetailsRequest(snapshot_id=copy.snapshot_id)).snapshot,
                lambda s: s.status == "AVAILABLE", "the copy")
check(kept.type == "MANUAL" and kept.name == "kept-copy", "the copy is manual")
manual = kept.id
expect_error(lambda: client.copy_snapshot(CopySnapshotRequest(snapshot_id=manual, body=LinkCopyReq(backup_name="copy-of-copy"))),
             400, "DWS.0013", "copying a manual snapshot")

step("stop_cluster, start_cluster")
stopping = client.stop_cluster(StopClusterRequest(cluster_id=cluster_id))
check(cluster(cluster_id).task_status == "STOPPING", "STOPPING")
check(job(stopping.job_id).status == "RUNNING", "the stop's job runs")
advance(60)
wait_for(lambda: cluster(cluster_id), lambda c: c.status == "STOPPED" and not c.task_status, "STOPPED")
check(job(stopping.job_id).status == "SUCCESS", "the stop's job succeeded")
check(client.list_cluster_nodes(ListClusterNodesRequest(cluster_id=cluster_id)).node_list[0].status == "STOPPED", "its node too")
expect_error(lambda: client.restart_cluster(RestartClusterRequest(cluster_id=cluster_id, body=RestartClusterRequestBody(restart={}))),
             409, "DWS.0005", "restarting a stopped cluster")
starting = client.start_cluster(StartClusterRequest(cluster_id=cluster_id))
advance(60)
wait_for(lambda: cluster(cluster_id), lambda c: c.status == "AVAILABLE" and not c.task_status, "AVAILABLE again")
check(job(starting.job_id).status == "SUCCESS", "the start's job succeeded")

step("list_events, list_event_specs")
events = client.list_events(ListEventsRequest(offset="0", limit="1000"))
names = [e.name for e in events.events]
for name in ("createCluster", "createClusterSuccess", "modifyMaintenanceWindow", "modifyClusterName", "batchCreateResourceTag",
             "batchDeleteResourceTag", "updateClustersBackupPolicy", "createBackupSuccess", "deleteBackup", "stopCluster",
             "stopClusterSuccess", "startCluster", "startClusterSuccess"):
    check(name in names, "an event %s" % name)
check(names[0] == "startClusterSuccess", "newest first: %s" % names[:3])
check(events.count == len(events.events), "count is the total")
check(all(e.occur_time > 0 and e.context for e in events.events), "times in ms and rendered words")
check(cluster(cluster_id).recent_event >= 10, "recent_event counts the cluster's events")
specs = client.list_event_specs(ListEventSpecsRequest(source_type="cluster", category="management"))
check(specs.count > 10 and all(s.source_type == "cluster" for s in specs.event_specs), "the cluster's event specifications")

step("clean up")
client.delete_cluster(DeleteClusterRequest(cluster_id=cluster_id, body=DeleteClusterRequestBody(keep_last_manual_snapshot=0)))
advance(60)
wait_for(lambda: client.list_clusters(ListClustersRequest()), lambda l: l.count == 0, "the cluster gone")

print("day two OK", flush=True)
