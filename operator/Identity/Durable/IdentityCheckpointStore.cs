using System.Globalization;
using System.Text.Json;

namespace Cerby.Operator.Identity.Durable;

/// <summary>
/// Saves and loads an <see cref="IdentityCheckpoint"/> in the IdentityProvider's durable store (one part, compressed by
/// the store). Only the leader writes it; a commit that meets a newer head (a previous leader's last save) reads the
/// head again and writes on top.
/// </summary>
internal sealed class IdentityCheckpointStore(IDurableParts durable)
{
    private const string Part = "checkpoint";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new ProfileJsonConverter() } };
    private DurableHead? _head;

    public string Location => durable.Location;

    /// <summary>The last checkpoint saved; null when none was.</summary>
    public async Task<IdentityCheckpoint?> LoadAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            _head = await durable.ReadHeadAsync(cancellationToken);
            if (_head is null || !_head.PartTags.ContainsKey(Part))
            {
                return null;
            }

            try
            {
                await using var part = await durable.ReadPartAsync(_head, Part, cancellationToken);
                return await JsonSerializer.DeserializeAsync<IdentityCheckpoint>(part, Json, cancellationToken);
            }
            catch (DurablePartMissingException) when (attempt < 3)
            {
                // Replaced meanwhile: read the head again.
            }
        }
    }

    public async Task SaveAsync(IdentityCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        // Streamed into the compressor: at 100,000 users the JSON is tens of MB that are never held whole.
        void Write(Stream stream) => JsonSerializer.Serialize(stream, checkpoint, Json);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var meta = new Dictionary<string, string>(_head?.Meta ?? new Dictionary<string, string>(), StringComparer.Ordinal)
            {
                ["lastFullRead"] = checkpoint.LastFullRead.ToString("O", CultureInfo.InvariantCulture),
                ["users"] = checkpoint.Directory.Users.Count.ToString(CultureInfo.InvariantCulture),
            };
            if (await durable.CommitAsync(_head, meta, new Dictionary<string, Action<Stream>> { [Part] = Write }, [], cancellationToken) is { } head)
            {
                _head = head;
                return;
            }

            _head = await durable.ReadHeadAsync(cancellationToken);
        }

        throw new DurableStateException($"{durable.Location} kept changing while the checkpoint was saved");
    }
}
