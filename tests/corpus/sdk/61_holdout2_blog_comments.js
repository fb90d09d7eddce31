/**
 * POST /posts/{post_id}/comments
 * Adds a comment to a post. Requires authentication.
 */
const addComment = create("posts/{post_id}/comments", "POST")
  .description("Add a comment to a post")
  .requiresAuth("user")
  .input("post_id", "int")
  .input("body", "text", { filters: "trim|min:1" })
  .dbGet("post", { id: "$input.post_id" }, "post")
  .precondition("$post != null", "Post not found", 404)
  .dbAdd("comment", {
    post_id: "$input.post_id",
    user_id: "$auth.id",
    body: "$input.body",
    created_at: "now",
  }, "comment")
  .response("$comment");

return addComment.build().script;
