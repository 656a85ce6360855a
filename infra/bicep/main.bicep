// One Pangy lab: storage, the upload event wiring, the datastore share, three Function apps and their monitoring.
// Deploy into an empty resource group: az deployment group create -g RG -f main.bicep -p main.bicepparam
// What it would create is pinned by snapshot.json (bicep snapshot main.bicepparam); docs/deploy.md explains it.

import { containers, queues, statusTable, datastoreMountPath, hostContainers } from 'modules/contract.bicep'
import { roles } from 'modules/roles.bicep'

@description('Short name of the lab (lowercase letters, digits, hyphens); part of every resource name.')
@minLength(2)
@maxLength(16)
param lab string

param location string = resourceGroup().location

param tags object = {}

@description('Flex instance memory of the Ingest app (chromosome builds): 2048 MB = 1 vCPU, 4096 MB = 2 vCPUs.')
@allowed([
  2048
  4096
])
param ingestInstanceMemoryMB int = 4096

@description('Flex instance memory of the Skeleton app.')
@allowed([
  2048
  4096
])
param skeletonInstanceMemoryMB int = 2048

@description('Flex instance memory of the Query app.')
@allowed([
  2048
  4096
])
param queryInstanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
param ingestMaximumInstanceCount int = 20

@minValue(1)
@maxValue(1000)
param skeletonMaximumInstanceCount int = 20

@minValue(1)
@maxValue(1000)
param queryMaximumInstanceCount int = 40

@description('Always-ready (billed while idle) instances of each of the Ingest app\'s functions.')
@minValue(0)
param ingestAlwaysReady int = 0

@description('Always-ready instances of BuildSkeleton.')
@minValue(0)
param skeletonAlwaysReady int = 0

@description('Always-ready instances of the Query app\'s HTTP functions (no cold start for the first visitor).')
@minValue(0)
param queryAlwaysReady int = 0

@description('Where the two build apps run: Flex Consumption, or one shared Elastic Premium plan for chromosomes that need more than a 4 GB Flex instance.')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param buildHosting string = 'FlexConsumption'

@description('Elastic Premium size when buildHosting is ElasticPremium: EP1 3.5 GB, EP2 7 GB, EP3 14 GB per instance.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param premiumSku string = 'EP2'

@description('Most Elastic Premium instances of the build plan.')
@minValue(1)
@maxValue(100)
param premiumMaximumWorkers int = 4

@description('Datastore share size in GiB.')
@minValue(1)
@maxValue(102400)
param datastoreShareQuotaGiB int = 100

@description('Datastore share performance: Standard (pay per GiB used) or Premium (SSD, pay per GiB provisioned).')
@allowed([
  'Standard'
  'Premium'
])
param datastoreSharePerformance string = 'Standard'

@description('Access tier of a Standard datastore share.')
@allowed([
  'TransactionOptimized'
  'Hot'
  'Cool'
])
param datastoreShareAccessTier string = 'TransactionOptimized'

@description('Folder the apps cache genome assets in (PANGY_ASSET_CACHE); empty = asset-cache on the share, so instances share one download.')
param assetCachePath string = ''

@description('True opens the Query app to the world (a public lab); false puts Entra ID sign-in in front of it.')
param queryPublic bool = false

@description('Client id of the Entra app registration that signs users in to the Query app (needed unless queryPublic).')
param queryAuthClientId string = ''

@description('Tenant of the users who may sign in.')
param queryAuthTenantId string = tenant().tenantId

@description('Entra object ids of the lab members (users or groups) who upload datasets: Storage Blob Data Contributor on the uploads container.')
param uploaderPrincipalIds string[] = []

@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

var token = uniqueString(resourceGroup().id, lab)
var prefix = 'pangy-${lab}'
var storageAccountName = 'pangy${take(token, 13)}'
var datastoreAccountName = 'pangyds${take(token, 13)}'
var datastoreShareName = 'datastore'
var appInsightsName = 'appi-${prefix}'

var queueNames = flatten(map(items(queues), q => [q.value, '${q.value}-poison']))

// What the three apps are, and the least each identity needs on the main account:
// Ingest reads uploads and writes assets, queues and status; Skeleton reads blobs and writes queues and status;
// Query only reads (assets, status). Every app may write the Functions host's containers and its own package.
var apps = [
  {
    key: 'ingest'
    name: '${prefix}-ingest-${take(token, 6)}'
    build: true
    instanceMemoryMB: ingestInstanceMemoryMB
    maximumInstanceCount: ingestMaximumInstanceCount
    alwaysReady: ingestAlwaysReady
    scaleGroups: ['function:OnUpload', 'function:BuildChromosome', 'function:BuildAnnotations']
    accountRoles: [
      roles.storageBlobDataContributor
      roles.storageQueueDataContributor
      roles.storageTableDataContributor
    ]
  }
  {
    key: 'skeleton'
    name: '${prefix}-skeleton-${take(token, 6)}'
    build: true
    instanceMemoryMB: skeletonInstanceMemoryMB
    maximumInstanceCount: skeletonMaximumInstanceCount
    alwaysReady: skeletonAlwaysReady
    scaleGroups: ['function:BuildSkeleton']
    accountRoles: [
      roles.storageBlobDataReader
      roles.storageQueueDataContributor
      roles.storageTableDataContributor
    ]
  }
  {
    key: 'query'
    name: '${prefix}-query-${take(token, 6)}'
    build: false
    instanceMemoryMB: queryInstanceMemoryMB
    maximumInstanceCount: queryMaximumInstanceCount
    alwaysReady: queryAlwaysReady
    scaleGroups: ['http']
    accountRoles: [
      roles.storageBlobDataReader
      roles.storageTableDataReader
    ]
  }
]

var packageContainers = map(apps, app => 'app-package-${app.key}')

var pangySettings = {
  PANGY_DATASTORE: datastoreMountPath
  PANGY_ASSETS_CONTAINER: containers.assets
  PANGY_ASSET_CACHE: empty(assetCachePath) ? '${datastoreMountPath}/asset-cache' : assetCachePath
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${prefix}'
    appInsightsName: appInsightsName
    location: location
    tags: tags
    retentionDays: logRetentionDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageAccountName
    location: location
    tags: tags
    containerNames: concat([containers.uploads, containers.assets], packageContainers, hostContainers)
    uploadsContainerName: containers.uploads
    uploaderPrincipalIds: uploaderPrincipalIds
    queueNames: queueNames
    tableNames: [statusTable]
  }
}

module datastore 'modules/datastore-share.bicep' = {
  name: 'datastore'
  params: {
    name: datastoreAccountName
    location: location
    tags: tags
    shareName: datastoreShareName
    quotaGiB: datastoreShareQuotaGiB
    performance: datastoreSharePerformance
    standardAccessTier: datastoreShareAccessTier
  }
}

module uploadEvents 'modules/upload-events.bicep' = {
  name: 'upload-events'
  dependsOn: [
    storage
  ]
  params: {
    name: 'evgt-${prefix}'
    location: location
    tags: tags
    storageAccountName: storageAccountName
    containerName: containers.uploads
    queueName: queues.uploads
  }
}

resource identities 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = [
  for app in apps: {
    name: 'id-${prefix}-${app.key}'
    location: location
    tags: tags
  }
]

module storageAccess 'modules/storage-access.bicep' = [
  for (app, i) in apps: {
    name: 'storage-access-${app.key}'
    dependsOn: [
      storage
      identities[i]
    ]
    params: {
      storageAccountName: storageAccountName
      identityName: identities[i].name
      accountRoles: app.accountRoles
      containerRoles: map(
        concat(hostContainers, [packageContainers[i]]),
        container => { container: container, role: roles.storageBlobDataContributor }
      )
    }
  }
]

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
  dependsOn: [
    monitoring
  ]
}

// Telemetry goes in with the identities (local authentication of Application Insights is off).
resource telemetryPublishers 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (app, i) in apps: {
    name: guid(appInsights.id, identities[i].id, roles.monitoringMetricsPublisher)
    scope: appInsights
    properties: {
      principalId: identities[i].properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    }
  }
]

var buildsOnPremium = buildHosting == 'ElasticPremium'

// One Elastic Premium plan for both build apps: its always-warm instance is billed once.
resource premiumPlan 'Microsoft.Web/serverfarms@2024-04-01' = if (buildsOnPremium) {
  name: 'plan-${prefix}-builds'
  location: location
  tags: tags
  kind: 'elastic'
  sku: {
    tier: 'ElasticPremium'
    name: premiumSku
  }
  properties: {
    reserved: true
    maximumElasticWorkerCount: premiumMaximumWorkers
  }
}

var queryAuthSettings = queryPublic
  ? {}
  : {
      OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID: identities[2].properties.clientId
      WEBSITE_AUTH_AAD_ALLOWED_TENANTS: queryAuthTenantId
    }

module functionApps 'modules/function-app.bicep' = [
  for (app, i) in apps: {
    name: 'app-${app.key}'
    dependsOn: [
      storage
      datastore
      monitoring
      storageAccess[i]
    ]
    params: {
      name: app.name
      location: location
      tags: tags
      identityName: identities[i].name
      storageAccountName: storageAccountName
      packageContainerName: packageContainers[i]
      appInsightsName: appInsightsName
      hosting: app.build && buildsOnPremium ? 'ElasticPremium' : 'FlexConsumption'
      premiumPlanId: app.build && buildsOnPremium ? premiumPlan.id : ''
      instanceMemoryMB: app.instanceMemoryMB
      maximumInstanceCount: app.maximumInstanceCount
      alwaysReady: app.alwaysReady == 0
        ? []
        : map(app.scaleGroups, group => { name: group, instanceCount: app.alwaysReady })
      settings: app.key == 'query' ? union(pangySettings, queryAuthSettings) : pangySettings
      datastoreAccountName: datastoreAccountName
      datastoreShareName: datastoreShareName
    }
  }
]

module queryAuth 'modules/entra-auth.bicep' = {
  name: 'query-auth'
  dependsOn: [
    functionApps
  ]
  params: {
    siteName: apps[2].name
    enabled: !queryPublic
    clientId: queryAuthClientId
    tenantId: queryAuthTenantId
  }
}

@description('Where a lab uploads its GFA, layouts and annotations (az storage blob upload-batch -d this URL).')
output uploadContainerUrl string = '${storage.outputs.blobEndpoint}${containers.uploads}'

@description('Base URL of the Query app: the reference API and /datasets/{db}/status.')
output queryBaseUrl string = 'https://${functionApps[2].outputs.defaultHostName}'

@description('The storage account (for az storage commands with --auth-mode login).')
output storageAccountName string = storage.outputs.name

@description('The Function apps, for the package deployments.')
output functionAppNames object = {
  ingest: functionApps[0].outputs.name
  skeleton: functionApps[1].outputs.name
  query: functionApps[2].outputs.name
}
