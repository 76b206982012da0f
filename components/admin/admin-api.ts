// The manager's pages talk to /api/admin/* through the one browser client
// (components/api/api-client.ts): a refusal comes back as a message plus field-level
// errors (from zod's issues or details.fields). Re-exported here for the admin forms.

export { fieldErrorsOf, type FieldErrors } from "../api/api-client.ts";
