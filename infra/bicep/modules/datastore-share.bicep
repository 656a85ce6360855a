// The datastore share (Azure Files), in its own storage account. SMB mounts into Function apps authenticate with
// the account key only, so this account keeps shared-key access, and that key is confined to it: the main account
// stays key-less. The key is read with listKeys() where the mount is configured, never passed or output.

@description('Storage account name for the share (3-24 lowercase letters and digits).')
param name string
param location string
param tags object

@description('Share name.')
param shareName string

@description('Share size in GiB (Premium shares bill the provisioned size; 100 GiB is their minimum).')
@minValue(1)
@maxValue(102400)
param quotaGiB int

@description('Standard: a StorageV2 account (access tier below). Premium: a FileStorage account on SSDs.')
@allowed([
  'Standard'
  'Premium'
])
param performance string

@description('Access tier of a Standard share.')
@allowed([
  'TransactionOptimized'
  'Hot'
  'Cool'
])
param standardAccessTier string

var premium = performance == 'Premium'

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: premium ? 'FileStorage' : 'StorageV2'
  sku: {
    name: premium ? 'Premium_LRS' : 'Standard_LRS'
  }
  properties: {
    // The SMB mount needs the account key; nothing else in this account is reachable by key-less means.
    allowSharedKeyAccess: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource fileService 'fileServices' = {
    name: 'default'

    resource share 'shares' = {
      name: shareName
      properties: {
        shareQuota: quotaGiB
        enabledProtocols: 'SMB'
        accessTier: premium ? 'Premium' : standardAccessTier
      }
    }
  }
}

output accountName string = account.name
output shareName string = account::fileService::share.name
