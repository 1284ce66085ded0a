/// A Grafana dashboard as an admin would export it ("Export for sharing externally"), written for
/// these tests after the kinds of panels the platform team's dashboards have: both schemas of rows,
/// old graph/singlestat panels, a Loki logs panel, a text panel, a table with transformations.
let grafanaNamespaceDashboard = #"""
{
  "__inputs": [
    { "name": "DS_VICTORIAMETRICS", "label": "VictoriaMetrics", "type": "datasource", "pluginId": "prometheus" },
    { "name": "DS_LOKI", "label": "Loki", "type": "datasource", "pluginId": "loki" }
  ],
  "title": "Kubernetes / Namespace (SmartMLOps)",
  "uid": "smartmlops-ns",
  "schemaVersion": 39,
  "templating": {
    "list": [
      { "name": "datasource", "type": "datasource", "query": "prometheus" },
      { "name": "namespace", "type": "query", "datasource": "${DS_VICTORIAMETRICS}", "query": "label_values(kube_pod_info, namespace)" },
      { "name": "pod", "type": "query", "includeAll": true, "query": "label_values(kube_pod_info{namespace=\"$namespace\"}, pod)" }
    ]
  },
  "panels": [
    { "type": "row", "title": "Resources", "collapsed": false, "id": 1, "panels": [] },
    {
      "type": "timeseries", "title": "CPU usage", "id": 2,
      "datasource": { "type": "prometheus", "uid": "${datasource}" },
      "fieldConfig": { "defaults": { "unit": "none", "min": 0,
        "thresholds": { "mode": "absolute", "steps": [ { "color": "green", "value": null }, { "color": "orange", "value": 2 }, { "color": "red", "value": 4 } ] } } },
      "targets": [ { "refId": "A", "expr": "sum by (pod) (rate(container_cpu_usage_seconds_total{namespace=\"$namespace\", pod=~\"$pod\", container!=\"\"}[$__rate_interval]))", "legendFormat": "{{pod}}" } ]
    },
    {
      "type": "gauge", "title": "Memory of the limit", "id": 3,
      "datasource": { "type": "prometheus", "uid": "${datasource}" },
      "fieldConfig": { "defaults": { "unit": "percentunit", "min": 0, "max": 1,
        "thresholds": { "mode": "absolute", "steps": [ { "color": "green", "value": null }, { "color": "red", "value": 0.9 } ] } } },
      "targets": [ { "refId": "A", "expr": "sum(container_memory_working_set_bytes{namespace=\"${namespace}\"}) / sum(kube_pod_container_resource_limits{namespace=\"${namespace:raw}\", resource=\"memory\"})", "instant": true } ]
    },
    {
      "type": "stat", "title": "Restarts", "id": 4,
      "datasource": "${DS_VICTORIAMETRICS}",
      "fieldConfig": { "defaults": { "unit": "short",
        "thresholds": { "mode": "percentage", "steps": [ { "color": "green", "value": null }, { "color": "red", "value": 80 } ] } } },
      "targets": [ { "refId": "A", "expr": "sum(increase(kube_pod_container_status_restarts_total{namespace=\"$namespace\"}[$__range]))" } ]
    },
    { "type": "text", "title": "How to read this dashboard", "id": 5, "options": { "content": "Ask #platform" } },
    {
      "type": "row", "title": "Network and logs", "collapsed": true, "id": 6,
      "panels": [
        {
          "type": "graph", "title": "Network received", "id": 7, "datasource": "VictoriaMetrics",
          "yaxes": [ { "format": "Bps" }, { "format": "short" } ],
          "thresholds": [ { "value": 1000000, "colorMode": "warning", "op": "gt" }, { "value": 5000000, "colorMode": "critical", "op": "gt" } ],
          "targets": [
            { "refId": "A", "expr": "sum(rate(container_network_receive_bytes_total{namespace=\"[[namespace]]\"}[5m]))" },
            { "refId": "B", "expr": "sum(rate(container_network_transmit_bytes_total{namespace=\"[[namespace]]\"}[5m]))" }
          ]
        },
        {
          "type": "singlestat", "title": "API latency p95", "id": 8, "datasource": null, "format": "s", "thresholds": "0.5,2",
          "targets": [ { "refId": "A", "expr": "histogram_quantile(0.95, sum by (le) (rate(nginx_ingress_controller_request_duration_seconds_bucket{exported_namespace=\"$namespace\"}[5m])))" } ]
        },
        {
          "type": "logs", "title": "Application logs", "id": 9, "datasource": { "type": "loki", "uid": "${DS_LOKI}" },
          "targets": [ { "refId": "A", "expr": "{namespace=\"$namespace\"}" } ]
        },
        {
          "type": "timeseries", "title": "Log lines", "id": 10, "datasource": { "type": "loki", "uid": "loki" },
          "targets": [ { "refId": "A", "expr": "sum(count_over_time({namespace=\"$namespace\"}[1m]))" } ]
        }
      ]
    },
    {
      "type": "table", "title": "Pods by memory", "id": 11, "datasource": { "type": "prometheus", "uid": "${datasource}" },
      "transformations": [ { "id": "organize", "options": {} } ],
      "targets": [ { "refId": "A", "expr": "sum by (pod) (container_memory_working_set_bytes{namespace=\"$namespace\"})", "instant": true, "format": "table" } ]
    },
    {
      "type": "table", "title": "Pods by CPU", "id": 12, "datasource": { "type": "prometheus", "uid": "${datasource}" },
      "fieldConfig": { "defaults": { "unit": "cores-of-something" } },
      "targets": [ { "refId": "A", "expr": "sum by (pod) (rate(container_cpu_usage_seconds_total{namespace=\"$namespace\"}[5m]))", "instant": true, "legendFormat": "{{pod}}" } ]
    },
    {
      "type": "timeseries", "title": "Requests by node", "id": 13, "datasource": { "type": "prometheus", "uid": "${datasource}" },
      "targets": [ { "refId": "A", "expr": "sum(rate(http_requests_total[$__interval_ms]))" } ]
    },
    {
      "type": "timeseries", "title": "Custom scale", "id": 14, "datasource": { "type": "prometheus", "uid": "${datasource}" },
      "targets": [ { "refId": "A", "expr": "sum(rate(http_requests_total[5m])) * $scale" } ]
    },
    {
      "type": "heatmap", "title": "Latency heatmap", "id": 15, "datasource": { "type": "prometheus", "uid": "${datasource}" },
      "targets": [ { "refId": "A", "expr": "sum by (le) (rate(nginx_ingress_controller_request_duration_seconds_bucket[5m]))" } ]
    },
    {
      "type": "timeseries", "title": "CPU usage", "id": 16, "datasource": { "type": "datasource", "uid": "-- Mixed --" },
      "fieldConfig": { "defaults": { "unit": "reqps" } },
      "targets": [
        { "refId": "A", "datasource": { "type": "loki", "uid": "loki" }, "expr": "rate({app=\"x\"}[1m])" },
        { "refId": "B", "datasource": { "type": "prometheus", "uid": "vm" }, "expr": "sum(rate(nginx_ingress_controller_requests{exported_namespace=\"$namespace\"}[2m]))", "hide": false },
        { "refId": "C", "datasource": { "type": "prometheus", "uid": "vm" }, "expr": "up", "hide": true }
      ]
    }
  ]
}
"""#
