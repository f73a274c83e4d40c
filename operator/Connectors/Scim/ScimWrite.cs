using System.Text.Json.Nodes;

namespace Cerby.Operator.Connectors.Scim;

/// <summary>One write to a SCIM app, sent alone or as an operation of a /Bulk request.</summary>
/// <param name="Method">POST, PATCH, PUT or DELETE.</param>
/// <param name="Path">Relative to the base URL, e.g. "Groups/e9e30dba".</param>
/// <param name="Body">The resource or PatchOp.</param>
/// <param name="Description">One readable line for ApplyResult details.</param>
/// <param name="BulkId">For a POST in a /Bulk request: the name later operations use as "bulkId:…" for the new id.</param>
/// <param name="IfMatch">The version read, sent as If-Match (alone) or as the operation's version (in /Bulk).</param>
internal sealed record ScimWrite(HttpMethod Method, string Path, JsonObject Body, string Description, string? BulkId = null, string? IfMatch = null);
