function probe {
  input {
  }

  stack {
    api.lambda {
      code = """
        const a = 1;
        return a + 1;
        """
      timeout = 5
    } as $result
  }

  response = $result
}
