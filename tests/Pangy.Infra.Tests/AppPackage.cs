using System.IO.Compression;
using System.Text.Json;

namespace Pangy.Infra.Tests;

/// <summary>An app's deployment zip, opened: its entries and the JSON files the Functions host reads from it.</summary>
public sealed class AppPackage : IDisposable
{
    private readonly ZipArchive _zip;

    public AppPackage(string path)
    {
        Path = path;
        _zip = ZipFile.OpenRead(path);
    }

    public string Path { get; }

    public IReadOnlyList<ZipArchiveEntry> Entries => _zip.Entries;

    public IReadOnlyList<string> EntryNames => _zip.Entries.Select(e => e.FullName).ToList();

    public bool Has(string name) => _zip.GetEntry(name) is not null;

    public JsonElement Json(string name)
    {
        var entry = _zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"{System.IO.Path.GetFileName(Path)} has no {name}");
        using var stream = entry.Open();
        return JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
            .RootElement.Clone();
    }

    /// <summary>The functions the host will index (functions.metadata, written by the Functions SDK at build).</summary>
    public IReadOnlyList<JsonElement> Functions => Json("functions.metadata").EnumerateArray().ToList();

    public void Dispose() => _zip.Dispose();
}
