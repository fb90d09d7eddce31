task daily_report {
  description = "Build the daily sales report"

  stack {
    function.run "reports/daily_sales" as $report

    debug.log {
      value = $report
    }
  }

  schedule = [{starts_on: 2025-01-01 06:00:00+0000, freq: 86400}]
}
