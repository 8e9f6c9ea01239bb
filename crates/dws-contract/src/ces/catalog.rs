//! The metrics GaussDB(DWS) reports to Cloud Eye (namespace `SYS.DWS`): ids, names and units as
//! in the DWS reference's metric table ("Viewing Cluster Monitoring Information on Cloud Eye"),
//! and the one dimension each is reported under. The Chinese names are the project's
//! translation where the Chinese page could not be read (docs/CLOUD-EYE.md, section 7).

/// What a metric describes, and so which dimension names the resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Object {
    /// A cluster: dimension `datastore_id` = the cluster's id.
    Cluster,
    /// A node of a cluster: dimension `dws_instance_id` = the node's id.
    Node,
}

impl Object {
    /// The dimension that names the resource.
    pub fn dimension(self) -> &'static str {
        match self {
            Object::Cluster => "datastore_id",
            Object::Node => "dws_instance_id",
        }
    }

    /// The object a dimension name belongs to.
    pub fn of_dimension(name: &str) -> Option<Object> {
        [Object::Cluster, Object::Node].into_iter().find(|o| o.dimension() == name)
    }
}

/// One metric of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricSpec {
    /// The metric id, e.g. `dws009_session_count`.
    pub id: &'static str,
    /// Its name in English, as the reference's table has it.
    pub name_en: &'static str,
    /// Its name in Chinese.
    pub name_zh: &'static str,
    /// The unit, as the reference's table writes it.
    pub unit: &'static str,
    /// Cluster or node.
    pub object: Object,
    /// Whether its values are counts, so aggregates are cut to integers (Cloud Eye's rollup rule:
    /// its example gives 2 for the average of 1 and 4); other values are cut after the second
    /// decimal place.
    pub integer: bool,
}

const fn cluster(id: &'static str, name_en: &'static str, name_zh: &'static str, unit: &'static str, integer: bool) -> MetricSpec {
    MetricSpec { id, name_en, name_zh, unit, object: Object::Cluster, integer }
}

const fn node(id: &'static str, name_en: &'static str, name_zh: &'static str, unit: &'static str, integer: bool) -> MetricSpec {
    MetricSpec { id, name_en, name_zh, unit, object: Object::Node, integer }
}

/// Every DWS metric of the reference, in its order.
pub static DWS_METRICS: &[MetricSpec] = &[
    cluster("dws001_shared_buffer_hit_ratio", "Cache Hit Ratio", "缓存命中率", "%", false),
    cluster("dws002_in_memory_sort_ratio", "In-memory Sort Ratio", "内存中排序比率", "%", false),
    cluster("dws003_physical_reads", "File Reads", "文件读取数", "count", true),
    cluster("dws004_physical_writes", "File Writes", "文件写入数", "count", true),
    cluster("dws005_physical_reads_per_second", "File Reads per Second", "每秒文件读取数", "count/s", false),
    cluster("dws006_physical_writes_per_second", "File Writes per Second", "每秒文件写入数", "count/s", false),
    cluster("dws007_db_size", "Data Volume", "数据容量", "MB", false),
    cluster("dws008_active_sql_count", "Active SQL Count", "活跃SQL数", "count", true),
    cluster("dws009_session_count", "Session Count", "会话数", "count", true),
    node("dws010_cpu_usage", "CPU Usage", "CPU使用率", "%", false),
    node("dws011_mem_usage", "Memory Usage", "内存使用率", "%", false),
    node("dws012_iops", "IOPS", "IOPS", "count/s", false),
    node("dws013_bytes_in", "Network Input Throughput", "网络输入吞吐量", "byte/s", false),
    node("dws014_bytes_out", "Network Output Throughput", "网络输出吞吐量", "byte/s", false),
    node("dws015_disk_usage", "Disk Usage", "磁盘使用率", "%", false),
    node("dws016_disk_total_size", "Total Disk Size", "磁盘总大小", "GB", false),
    node("dws017_disk_used_size", "Used Disk Space", "磁盘使用量", "GB", false),
    node("dws018_disk_read_throughput", "Disk Read Throughput", "磁盘读吞吐量", "byte/s", false),
    node("dws019_disk_write_throughput", "Disk Write Throughput", "磁盘写吞吐量", "byte/s", false),
    node("dws020_avg_disk_sec_per_read", "Average Time per Disk Read", "平均每次读磁盘耗时", "Second", false),
    node("dws021_avg_disk_sec_per_write", "Average Time per Disk Write", "平均每次写磁盘耗时", "Second", false),
    node("dws022_avg_disk_queue_length", "Average Disk Queue Length", "平均磁盘队列长度", "count", false),
];

/// The `dws_instance_id` a cluster's node metrics are reported under by the emulator, and asked
/// for by the console. The DWS API of this reference lists no nodes, and the emulator runs each
/// cluster as one server: it reports that server as the cluster's first node, named after the
/// cluster so that the console can ask for it without another call.
pub fn node_id(cluster_id: &str) -> String {
    format!("{cluster_id}-node-1")
}

/// A metric of the catalog by its id.
pub fn metric(id: &str) -> Option<&'static MetricSpec> {
    DWS_METRICS.iter().find(|m| m.id == id)
}

impl MetricSpec {
    /// Its name in a language.
    pub fn name(&self, lang: crate::Lang) -> &'static str {
        lang.pick(self.name_en, self.name_zh)
    }

    /// Applies Cloud Eye's rollup rounding to an aggregate: cut to an integer for counts, after
    /// two decimal places for the rest.
    pub fn round(&self, value: f64) -> f64 {
        if self.integer { value.trunc() } else { (value * 100.0).trunc() / 100.0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_has_the_reference_s_22_metrics_in_order_with_their_dimension() {
        assert_eq!(DWS_METRICS.len(), 22);
        for (i, m) in DWS_METRICS.iter().enumerate() {
            assert!(m.id.starts_with(&format!("dws{:03}_", i + 1)), "{}", m.id);
            assert_eq!(m.object == Object::Cluster, i < 9, "{}", m.id);
            assert_eq!(metric(m.id), Some(m));
        }
        assert_eq!(metric("dws009_session_count").unwrap().object.dimension(), "datastore_id");
        assert_eq!(metric("dws010_cpu_usage").unwrap().object.dimension(), "dws_instance_id");
        assert_eq!(Object::of_dimension("dws_instance_id"), Some(Object::Node));
        assert_eq!(Object::of_dimension("instance_id"), None);
        assert!(metric("cpu_util").is_none());
    }

    #[test]
    fn aggregates_are_rounded_as_cloud_eye_rolls_up() {
        let sessions = metric("dws009_session_count").unwrap();
        assert_eq!(sessions.round(2.5), 2.0, "avg(1, 4) is 2 in the reference's example");
        let cpu = metric("dws010_cpu_usage").unwrap();
        assert_eq!(cpu.round(12.3456), 12.34);
        assert_eq!(cpu.round(0.019), 0.01);
    }
}
