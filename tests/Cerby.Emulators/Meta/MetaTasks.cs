namespace Cerby.Emulators.Meta;

/// <summary>The roles and asset tasks Meta accepts (SDK enums, reference sections 2, 4 and 5).</summary>
internal static class MetaTasks
{
    public static readonly IReadOnlySet<string> Roles = new HashSet<string>(StringComparer.Ordinal)
    {
        "ADMIN", "ADS_RIGHTS_REVIEWER", "DEFAULT", "DEVELOPER", "EMPLOYEE", "FINANCE_ANALYST", "FINANCE_EDIT", "FINANCE_EDITOR",
        "FINANCE_VIEW", "MANAGE", "PARTNER_CENTER_ADMIN", "PARTNER_CENTER_ANALYST", "PARTNER_CENTER_EDUCATION",
        "PARTNER_CENTER_MARKETING", "PARTNER_CENTER_OPERATIONS",
    };

    private static readonly HashSet<string> PageTasks = new(StringComparer.Ordinal)
    {
        "ADVERTISE", "ANALYZE", "CASHIER_ROLE", "CREATE_CONTENT", "GLOBAL_STRUCTURE_MANAGEMENT", "MANAGE", "MANAGE_JOBS",
        "MANAGE_LEADS", "MESSAGING", "MODERATE", "MODERATE_COMMUNITY", "PAGES_MESSAGING", "PAGES_MESSAGING_SUBSCRIPTIONS",
    };

    private static readonly HashSet<string> AdAccountTasks = new(StringComparer.Ordinal) { "MANAGE", "ADVERTISE", "ANALYZE", "DRAFT", "AA_ANALYZE" };

    /// <summary>Whether the asset kind accepts the task.</summary>
    public static bool IsValid(EmulatedAssetKind kind, string task) =>
        kind == EmulatedAssetKind.Page ? PageTasks.Contains(task) || task.StartsWith("PROFILE_PLUS_", StringComparison.Ordinal) : AdAccountTasks.Contains(task);
}
