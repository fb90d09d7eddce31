const report = createTask('daily_report')
  .description('Build the daily sales report')
  .callFunction('reports/daily_sales', {}, 'report')
  .debugLog('$report')
  .schedule([{ starts_on: '2025-01-01 06:00:00+0000', freq: 86400 }]);
return report.build().script;
