const e = createFunction('tag_counts');
e.input('tags', 'json');
e.var('counts', {});
e.forEach('$input.tags', 'tag');
e.varUpdate('counts', '$counts|set:$tag:1');
e.endForEach();
e.response('$counts');
return e.build().script;
