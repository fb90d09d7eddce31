query slugify verb=POST {
  input {
    text title
  }

  stack {
    api.lambda {
      code = """
        return $input.title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
        """
      timeout = 5
    } as $slug
  }

  response = {slug: $slug}
}
