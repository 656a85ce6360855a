using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Pangy.Core.Pipeline;

/// <summary>
/// The exact inputs a chromosome is built from: the GFA, the layout, the dataset's manifest and optional BubbleGun
/// bubbles, each a name and an ETag. Their <see cref="Key"/> identifies a unit of work: the same inputs are built and
/// published once, whatever the number of messages that ask for them.
/// </summary>
public sealed record ChromosomeInputs(
    [property: JsonPropertyName("gfa")] InputRef Gfa,
    [property: JsonPropertyName("layout")] InputRef Layout,
    [property: JsonPropertyName("dataset")] InputRef Dataset,
    [property: JsonPropertyName("bubblegun")] InputRef? BubbleGun = null)
{
    /// <summary>A short, stable hash of every input's name and ETag.</summary>
    [JsonIgnore]
    public string Key
    {
        get
        {
            var text = new StringBuilder();
            foreach (var (role, input) in new[] { ("gfa", Gfa), ("layout", Layout), ("dataset", Dataset), ("bubblegun", BubbleGun) })
                if (input is not null) text.Append(role).Append('\t').Append(input.Name).Append('\t').Append(input.ETag).Append('\n');
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
        }
    }
}
