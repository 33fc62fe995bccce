"""The legal room of KommSocial."""
