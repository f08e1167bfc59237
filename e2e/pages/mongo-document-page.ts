import type { Locator, Page } from "@playwright/test";

const enc = encodeURIComponent;

/** The one-document editor, the indexes page and the aggregate page of a collection. */
export class MongoDocumentPage {
  constructor(private readonly page: Page) {}

  private base(db: string, collection: string): string {
    return `/mongo/${enc(db)}/${enc(collection)}`;
  }

  async gotoDocument(db: string, collection: string, segment: string): Promise<void> {
    await this.page.goto(`${this.base(db, collection)}/doc/${enc(segment)}`);
    await this.editor().waitFor();
  }

  async gotoIndexes(db: string, collection: string): Promise<void> {
    await this.page.goto(`${this.base(db, collection)}/indexes`);
  }

  async gotoAggregate(db: string, collection: string, query = ""): Promise<void> {
    await this.page.goto(`${this.base(db, collection)}/aggregate${query}`);
    await this.editor().waitFor();
  }

  /** CodeMirror's contenteditable. */
  editor(): Locator {
    return this.page.locator(".cm-content");
  }

  /** The editor's whole text (CodeMirror renders one .cm-line per line). */
  async editorText(): Promise<string> {
    return (await this.editor().locator(".cm-line").allInnerTexts()).join("\n");
  }

  /** Replaces the editor's text as typing would: select all, then insert. */
  async setEditorText(text: string): Promise<void> {
    await this.editor().click();
    await this.page.keyboard.press("ControlOrMeta+a");
    await this.page.keyboard.insertText(text);
  }

  /** The page's alerts, without Next.js's route announcer (also role=alert, always present). */
  alert(): Locator {
    return this.page.locator("[role=alert]:not(#__next-route-announcer__)");
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole("dialog", { name });
  }

  button(name: string | RegExp): Locator {
    return this.page.getByRole("button", { name });
  }

  indexRow(name: string): Locator {
    return this.page.getByRole("row").filter({ has: this.page.getByRole("cell", { name, exact: true }) });
  }
}
