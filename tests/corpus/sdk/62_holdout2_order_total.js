// Calculate an order total with tax
const fn = createFunction("orders/calculate_total");
fn.input("items", "json");
fn.input("tax_rate", "decimal", { default: 0.2 });
fn.var("subtotal", 0);
fn.forEach("$input.items", "item", (loop) =>
  loop.varUpdate("subtotal", "$subtotal + ($item.price * $item.qty)")
);
fn.var("tax", "$subtotal * $input.tax_rate");
fn.response({ subtotal: "$subtotal", tax: "$tax", total: "$subtotal + $tax" });
return fn.build().script;
