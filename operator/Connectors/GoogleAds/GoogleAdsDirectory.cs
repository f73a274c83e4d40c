using Cerby.Operator.Connectors.ConnectorHttp;

namespace Cerby.Operator.Connectors.GoogleAds;

/// <summary>The reads the connector makes: all users and invitations, or the one a change is about.</summary>
internal sealed class GoogleAdsDirectory(GoogleAdsSearch search)
{
    private const string UserRow = "customerUserAccess";
    private const string InvitationRow = "customerUserAccessInvitation";

    public async Task<IReadOnlyList<AdsUser>> UsersAsync(CallTally tally, CancellationToken cancellationToken) =>
        [.. (await search.ReadAllAsync(GoogleAdsQueries.Users, UserRow, tally, cancellationToken).ConfigureAwait(false)).Select(GoogleAdsRowFields.User)];

    public async Task<IReadOnlyList<AdsInvitation>> InvitationsAsync(CallTally tally, CancellationToken cancellationToken) =>
        [.. (await search.ReadAllAsync(GoogleAdsQueries.Invitations, InvitationRow, tally, cancellationToken).ConfigureAwait(false)).Select(GoogleAdsRowFields.Invitation)];

    public async Task<IReadOnlyList<AdsUser>> UsersByEmailAsync(IReadOnlyCollection<string> emails, CallTally tally, CancellationToken cancellationToken) =>
        [.. (await search.ReadAllAsync(GoogleAdsQueries.UsersByEmail(emails), UserRow, tally, cancellationToken).ConfigureAwait(false)).Select(GoogleAdsRowFields.User)];

    public async Task<IReadOnlyList<AdsInvitation>> InvitationsByEmailAsync(IReadOnlyCollection<string> emails, CallTally tally, CancellationToken cancellationToken) =>
        [.. (await search.ReadAllAsync(GoogleAdsQueries.InvitationsByEmail(emails), InvitationRow, tally, cancellationToken).ConfigureAwait(false)).Select(GoogleAdsRowFields.Invitation)];

    public async Task<AdsUser?> UserAsync(long userId, CallTally tally, CancellationToken cancellationToken) =>
        (await search.ReadAllAsync(GoogleAdsQueries.User(userId), UserRow, tally, cancellationToken).ConfigureAwait(false)).Select(GoogleAdsRowFields.User).FirstOrDefault();

    public async Task<AdsUser?> UserByEmailAsync(string email, CallTally tally, CancellationToken cancellationToken) =>
        (await search.ReadAllAsync(GoogleAdsQueries.UserByEmail(email), UserRow, tally, cancellationToken).ConfigureAwait(false)).Select(GoogleAdsRowFields.User).FirstOrDefault();

    public async Task<AdsInvitation?> PendingInvitationAsync(string email, CallTally tally, CancellationToken cancellationToken) =>
        (await search.ReadAllAsync(GoogleAdsQueries.PendingInvitations(email), InvitationRow, tally, cancellationToken).ConfigureAwait(false))
            .Select(GoogleAdsRowFields.Invitation).FirstOrDefault();

    public async Task<AdsInvitation?> InvitationAsync(long invitationId, CallTally tally, CancellationToken cancellationToken) =>
        (await search.ReadAllAsync(GoogleAdsQueries.Invitation(invitationId), InvitationRow, tally, cancellationToken).ConfigureAwait(false))
            .Select(GoogleAdsRowFields.Invitation).FirstOrDefault();
}
