using System.Text.Json;

namespace Pangy.Core.Query;

/// <summary>A query answer that writes itself as JSON (the HTTP layer streams it to the response).</summary>
public interface IJsonResult
{
    void WriteTo(Utf8JsonWriter writer);
}
