namespace Pangy.Core.Storage;

/// <summary>One object of an <see cref="IObjectStore"/>: its name, size, version tag and last change.</summary>
public sealed record ObjectInfo(string Name, long Length, string ETag, DateTimeOffset LastModified);
