// The pipeline contract (HELPERS/the pipeline issue): the names the apps and the infrastructure must agree on.
// One place in the templates; the infra tests check the apps' packages against what this deploys.

@export()
@description('Blob containers of the pipeline: lab inputs and the genome asset bucket.')
var containers = {
  uploads: 'uploads'
  assets: 'assets'
}

@export()
@description('Storage queues of the pipeline; each has a poison queue named {queue}-poison.')
var queues = {
  uploads: 'pangy-uploads'
  builds: 'pangy-builds'
  skeletons: 'pangy-skeletons'
  annotations: 'pangy-annotations'
}

@export()
@description('The status table.')
var statusTable = 'pangystatus'

@export()
@description('Where the datastore share is mounted in every app; PANGY_DATASTORE names the same path.')
var datastoreMountPath = '/mounts/datastore'

@export()
@description('Containers the Functions host itself uses through AzureWebJobsStorage (locks, host ids, keys).')
var hostContainers = [
  'azure-webjobs-hosts'
  'azure-webjobs-secrets'
]
