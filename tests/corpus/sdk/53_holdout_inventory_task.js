const lowStock = createTask('low_stock_alert');
lowStock.description('Email the team when stock runs low');
lowStock.dbQuery('product', { where: '$db.product.stock < 5' }, 'low');
lowStock.conditional('($low|count) > 0').then(b => b.apiRequest('https://api.sendgrid.com/v3/mail/send', 'POST', { headers: { Authorization: '$env.SENDGRID_AUTH' }, body: { subject: 'Low stock', items: '$low' } }, 'mail')).endConditional();
lowStock.schedule([{ starts_on: '2025-06-01 08:00:00+0000', freq: 86400 }]);
return lowStock.build().script;
