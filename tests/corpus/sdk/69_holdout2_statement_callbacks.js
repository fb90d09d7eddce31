const e = createFunction('classify_score');
e.input('score', 'int');
e.var('grade', 'F');
e.conditional('$input.score >= 90').then((b) => {
  b.varUpdate('grade', 'A');
}).elseIf('$input.score >= 75', (b) => {
  b.varUpdate('grade', 'B');
}).elseIf('$input.score >= 50', (b) => {
  b.varUpdate('grade', 'C');
}).endConditional();
e.response('$grade');
return e.build().script;
