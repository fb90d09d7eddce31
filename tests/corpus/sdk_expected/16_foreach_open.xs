function tag_counts {
  input {
    json tags
  }

  stack {
    var $counts {
      value = {}
    }

    foreach ($input.tags) {
      each as $tag {
        var.update $counts {
          value = $counts|set:$tag:1
        }
      }
    }
  }

  response = $counts
}
