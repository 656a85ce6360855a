namespace Pangy.Core.Pipeline;

/// <summary>One stored status document: its key, its JSON and the ETag a conditional write must name.</summary>
public sealed record StatusDocument(string Key, string Json, string ETag);
