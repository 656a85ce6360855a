namespace Pangy.Core.Pipeline;

/// <summary>The latest version seen of one uploaded blob (events older than <see cref="Sequencer"/> are stale), and its problem if it fits no rule.</summary>
public sealed class UploadRecord
{
    public required string Name { get; set; }
    public required string ETag { get; set; }
    public required string Sequencer { get; set; }
    public string? Problem { get; set; }
}
