const board = create('leaderboard', 'GET')
  .input('limit', 'int', { default: 10, filters: 'min:1|max:100' })
  .dbQuery('score', { sort: { points: 'desc' }, perPage: '$input.limit', page: 1 }, 'top')
  .var('ranked', '$top.items')
  .response({ entries: '$ranked', generated_at: 'now' });
return board.build().script;
