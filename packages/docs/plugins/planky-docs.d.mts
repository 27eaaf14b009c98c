/** Joins the soft-wrapped lines of markdown paragraphs (and of list items) with a space; code blocks stay. */
export declare function unwrapMarkdown(markdown: string): string;
