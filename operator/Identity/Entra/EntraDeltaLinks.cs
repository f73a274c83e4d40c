namespace Cerby.Operator.Identity.Entra;

/// <summary>
/// Where the next delta rounds start: the <c>@odata.deltaLink</c>s of the last users and groups rounds. Persist them
/// (e.g. in a ConfigMap) and give them back to <see cref="EntraIdentitySource.ResumeFrom"/> after a restart; they
/// expire after about seven days, after which the source reads again what it tracks.
/// </summary>
internal sealed record EntraDeltaLinks(string Users, string Groups);
