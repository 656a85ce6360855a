using Pangy.Core.Build;
using Pangy.Core.Storage;

namespace Pangy.Core.Stages;

/// <summary>What to add: one chromosome of one dataset from a GFA and its layout (<c>pangy add</c>, the Ingest function).</summary>
/// <param name="BubbleGunJson">Bubbles a lab already computed with BubbleGun, used instead of the native finder.</param>
public sealed record AddChromosomeRequest(
    ChromosomeKey Key,
    InputFile Gfa,
    InputFile Layout,
    ChromosomeBuildOptions Options,
    bool Replace = false,
    InputFile? BubbleGunJson = null);
