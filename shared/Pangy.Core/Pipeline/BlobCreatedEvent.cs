using System.Text.Json;
using System.Text.Json.Nodes;
using Pangy.Core.Formats;

namespace Pangy.Core.Pipeline;

/// <summary>
/// An Event Grid <c>Microsoft.Storage.BlobCreated</c> event (Event Grid schema, as Event Grid writes it to a storage
/// queue: one event per message, JSON; the queue's base64 layer is the queue's business). Only what the pipeline
/// uses is kept: which blob (<c>subject</c>, <c>data.url</c>), which version (<c>data.eTag</c>) and the per-blob order of
/// events (<c>data.sequencer</c>: equal-length hex strings that compare as text).
/// </summary>
public sealed record BlobCreatedEvent(string Id, string Container, string BlobName, string Url, string ETag, string Sequencer, long ContentLength, DateTimeOffset EventTime)
{
    public const string EventType = "Microsoft.Storage.BlobCreated";

    private const string SubjectPrefix = "/blobServices/default/containers/";

    /// <summary>Reads the events of one queue message (a single event object, or an array of them).</summary>
    /// <exception cref="BadInputException">Not a BlobCreated event.</exception>
    public static IReadOnlyList<BlobCreatedEvent> ParseMany(string json)
    {
        JsonNode? root;
        // Duplicate keys are refused at parse time: JsonObject would otherwise throw an ArgumentException on first lookup.
        try { root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }); }
        catch (JsonException e) { throw new BadInputException("upload event", null, $"not JSON ({e.Message})", e); }
        var events = new List<BlobCreatedEvent>();
        if (root is JsonArray array)
            foreach (var item in array) events.Add(FromNode(item));
        else
            events.Add(FromNode(root));
        return events;
    }

    private static BlobCreatedEvent FromNode(JsonNode? node)
    {
        if (node is not JsonObject e) throw new BadInputException("upload event", null, "not an Event Grid event object");
        string type = Text(e, "eventType");
        if (type != EventType) throw new BadInputException("upload event", null, $"event type '{type}', expected {EventType}");
        string subject = Text(e, "subject");
        if (!subject.StartsWith(SubjectPrefix, StringComparison.Ordinal) || subject.IndexOf("/blobs/", StringComparison.Ordinal) is var at && at < 0)
            throw new BadInputException("upload event", null, $"subject '{subject}' does not name a blob");
        string container = subject[SubjectPrefix.Length..at];
        string blob = subject[(at + "/blobs/".Length)..];
        if (e["data"] is not JsonObject data) throw new BadInputException("upload event", null, "no data");
        long length = data["contentLength"] is JsonValue v && v.TryGetValue(out long l) ? l : -1;
        DateTimeOffset time = e["eventTime"] is JsonValue t && t.TryGetValue(out string? s) && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed : DateTimeOffset.MinValue;
        return new BlobCreatedEvent(Text(e, "id"), container, blob, Text(data, "url"), Text(data, "eTag"), Text(data, "sequencer"), length, time);
    }

    private static string Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0 ? s : throw new BadInputException("upload event", null, $"'{key}' is missing");

    /// <summary>
    /// The event as Event Grid would write it for blob <paramref name="blobName"/> of <paramref name="container"/> (what
    /// <see cref="UploadNotifier"/> posts where no Event Grid exists).
    /// </summary>
    public static string Create(string account, string container, string blobName, string url, string eTag, long contentLength,
        string sequencer, DateTimeOffset time)
    {
        var e = new JsonObject
        {
            ["topic"] = $"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/local/providers/Microsoft.Storage/storageAccounts/{account}",
            ["subject"] = $"{SubjectPrefix}{container}/blobs/{blobName}",
            ["eventType"] = EventType,
            ["id"] = Guid.NewGuid().ToString(),
            ["data"] = new JsonObject
            {
                ["api"] = "PutBlob",
                ["clientRequestId"] = Guid.NewGuid().ToString(),
                ["requestId"] = Guid.NewGuid().ToString(),
                ["eTag"] = eTag,
                ["contentType"] = "application/octet-stream",
                ["contentLength"] = contentLength,
                ["blobType"] = "BlockBlob",
                ["url"] = url,
                ["sequencer"] = sequencer,
                ["storageDiagnostics"] = new JsonObject { ["batchId"] = Guid.NewGuid().ToString() },
            },
            ["dataVersion"] = "",
            ["metadataVersion"] = "1",
            ["eventTime"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
        return e.ToJsonString();
    }

    /// <summary>A sequencer for locally made events: fixed-width hex, so that later events compare greater as text.</summary>
    public static string LocalSequencer(long counter) => counter.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when sequencer <paramref name="a"/> is after <paramref name="b"/> (Event Grid: compare as strings).</summary>
    public static bool IsAfter(string a, string? b) => b is null || a.Length > b.Length || (a.Length == b.Length && string.CompareOrdinal(a, b) > 0);
}
