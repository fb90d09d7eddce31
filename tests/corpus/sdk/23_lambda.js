const e = create('slugify', 'POST')
  .input('title', 'text')
  .lambda(`return $input.title.toLowerCase().replace(/[^a-z0-9]+/g, '-');`, 'slug', 5)
  .response({ slug: '$slug' });
return e.build().script;
