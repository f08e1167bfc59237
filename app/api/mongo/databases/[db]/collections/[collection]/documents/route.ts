import { handle } from "@/server/http/route";
import { fetchDocumentsPage } from "@/server/mongo/documents";

export const dynamic = "force-dynamic";

/**
 * GET …/documents?filter=&sort=&projection=&limit=50&after=|before=|startAt=&exact=false —
 * one page by keyset (filter, sort and projection in Extended JSON), as canonical EJSON.
 */
export const GET = handle("GET /api/mongo/databases/[db]/collections/[collection]/documents", ({ params, query }) => fetchDocumentsPage(params, query));
