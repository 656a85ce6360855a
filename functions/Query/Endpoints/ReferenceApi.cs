using Microsoft.AspNetCore.Mvc;
using Pangy.Core.Datastore;
using Pangy.Core.Query;
using Pangy.Functions.Query.Http;

namespace Pangy.Functions.Query.Endpoints;

/// <summary>Chromosome lists, cytobands, samples, genes and gene search (§8.2).</summary>
public static class ReferenceApi
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/chromosomes", Chromosomes).WithName("chromosomes")
            .WithSummary("The canonical chromosome list (cytoband organism), or with noncanonical=true the dataset's other chromosomes.");
        routes.MapGet("/cytoband", Cytoband).WithName("cytoband")
            .WithSummary("All bands with the canonical order, or one chromosome's bands (404 when it has none).");
        routes.MapGet("/samples", Samples).WithName("samples")
            .WithSummary($"Sample names of the dataset's first chromosome, in {ChromosomeLayout.PathsDirectoryName}/{ChromosomeLayout.PathIndexName} order.");
        routes.MapGet("/genes", Genes).WithName("genes")
            .WithSummary("Gene rows of an annotation chromosome lying fully inside [start, end]; mane_only keeps genes with a MANE Select transcript.");
        routes.MapGet("/search", Search).WithName("search")
            .WithSummary("Genes whose name contains the query (case-insensitive), at most 20; type must be 'gene'.");
        routes.MapGet("/gene", Gene).WithName("gene")
            .WithSummary("Genes named exactly 'name' with their transcripts (MANE, canonical, GENCODE_Primary, CCDS first) and exons. Pangy extension.");
        return routes;
    }

    /// <summary>GET /chromosomes.</summary>
    public static IResult Chromosomes(QueryServer server, string? db, string? noncanonical, CancellationToken cancellationToken)
    {
        var canonical = server.Cytobands.Canonical;
        if (!QueryParams.Flag(noncanonical)) return new JsonQueryResult(CytobandJson.Names(canonical));
        string dataset = server.Datastore.ResolveDataset(db);
        var set = new HashSet<string>(canonical, StringComparer.Ordinal);
        return new JsonQueryResult(CytobandJson.Names(server.Datastore.Chromosomes(dataset).Where(c => !set.Contains(c))));
    }

    /// <summary>GET /cytoband.</summary>
    public static IResult Cytoband(QueryServer server, string? chromosome, CancellationToken cancellationToken)
    {
        var set = server.Cytobands;
        if (string.IsNullOrEmpty(chromosome)) return new JsonQueryResult(CytobandJson.All(set));
        if (!set.Has(chromosome)) throw new NotFoundQueryException($"Chromosome '{QueryDatastore.Printable(chromosome)}' not found");
        return new JsonQueryResult(CytobandJson.Bands(set.BandsOf(chromosome)));
    }

    /// <summary>GET /samples.</summary>
    public static IResult Samples(QueryServer server, string? db, CancellationToken cancellationToken)
    {
        string dataset = server.Datastore.ResolveDataset(db);
        var chromosomes = server.Datastore.Chromosomes(dataset);
        if (chromosomes.Count == 0) throw new NotFoundQueryException("No data");
        return Leased.Json(server, dataset, chromosomes[0], PathQueries.Samples);
    }

    /// <summary>GET /genes.</summary>
    public static IResult Genes(QueryServer server, string? db, string? genome, string? chromosome, string? start, string? end,
        [FromQuery(Name = "mane_only")] string? maneOnly, CancellationToken cancellationToken)
    {
        genome = string.IsNullOrEmpty(genome) ? server.DefaultGenome(server.Datastore.ResolveDataset(db)) : genome;
        var index = server.Annotations.Require(genome);
        if (string.IsNullOrEmpty(chromosome)) throw new BadQueryException("missing parameter: chromosome");
        long s = QueryParams.Long(start, "start", 0);
        long e = QueryParams.Long(end, "end", 2_000_000_000);
        return new JsonQueryResult(AnnotationJson.Genes(index.Genes(chromosome, s, e, QueryParams.Flag(maneOnly))));
    }

    /// <summary>GET /search.</summary>
    public static IResult Search(QueryServer server, string? db, string? genome, string? type, string? query, CancellationToken cancellationToken)
    {
        if (type != "gene") return new JsonQueryResult(AnnotationJson.List([]));
        if (query is null) throw new BadQueryException("missing parameter: query");
        genome = string.IsNullOrEmpty(genome) ? server.DefaultGenome(server.Datastore.ResolveDataset(db)) : genome;
        return new JsonQueryResult(AnnotationJson.List(server.Annotations.Require(genome).Search(query)));
    }

    /// <summary>GET /gene.</summary>
    public static IResult Gene(QueryServer server, string? db, string? genome, string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(name)) throw new BadQueryException("missing parameter: name");
        genome = string.IsNullOrEmpty(genome) ? server.DefaultGenome(server.Datastore.ResolveDataset(db)) : genome;
        var models = server.Annotations.Require(genome).GeneModelsNamed(name);
        if (models.Count == 0) throw new NotFoundQueryException($"gene '{QueryDatastore.Printable(name)}' not found");
        return new JsonQueryResult(AnnotationJson.Models(models));
    }
}
