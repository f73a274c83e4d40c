namespace Cerby.Operator.Controllers.Shares;

/// <summary>How long before a TeamShare expires the operator warns (a ShareExpiring Warning Event); --share-expiry-warning.</summary>
internal sealed record ShareExpiryOptions(TimeSpan Warning)
{
    /// <summary>The default: a day ahead.</summary>
    public static readonly TimeSpan DefaultWarning = TimeSpan.FromHours(24);

    public ShareExpiryOptions()
        : this(DefaultWarning)
    {
    }
}
