import type { VNode } from "preact";
import { Layout } from "./Layout.tsx";

/** A page that explains why a request cannot go on and what to do next. */
export function MessagePage(props: { title: string; message: string; hint?: string }): VNode {
  return (
    <Layout title={props.title}>
      <h1>{props.title}</h1>
      <p role="alert">{props.message}</p>
      {props.hint ? <p>{props.hint}</p> : null}
    </Layout>
  );
}
