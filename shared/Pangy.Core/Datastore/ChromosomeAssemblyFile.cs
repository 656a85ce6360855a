using System.Text.Json;

namespace Pangy.Core.Datastore;

/// <summary>
/// A chromosome's <c>assembly.json</c> (<see cref="ChromosomeLayout.AssemblyName"/>): which genome assembly of the
/// asset bucket its reference is. A file of its own, written only when an assembly is named, so that the graph
/// artifacts (and a build without an assembly) stay byte-identical.
/// </summary>
public static class ChromosomeAssemblyFile
{
    private const string AssemblyKey = "assembly";

    /// <summary>
    /// Records <paramref name="assembly"/> in the chromosome directory <paramref name="chromosome"/>. The name is checked
    /// where it enters (<c>dataset.json</c>, <c>pangy add --assembly</c>) and again where an asset is looked up by it.
    /// </summary>
    public static void Write(ChromosomeLayout chromosome, string assembly)
    {
        ArgumentException.ThrowIfNullOrEmpty(assembly);
        using var file = File.Create(chromosome.AssemblyFile);
        using var w = new Utf8JsonWriter(file);
        w.WriteStartObject();
        w.WriteString(AssemblyKey, assembly);
        w.WriteEndObject();
    }

    /// <summary>The recorded assembly, or null when there is none (or it cannot be read: the chromosome is still served).</summary>
    public static string? Read(ChromosomeLayout chromosome)
    {
        string path = chromosome.AssemblyFile;
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.ValueKind == JsonValueKind.Object
                   && doc.RootElement.TryGetProperty(AssemblyKey, out var a) && a.ValueKind == JsonValueKind.String
                   && a.GetString() is { Length: > 0 } assembly ? assembly : null;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }
}
