"""The analytics room of KommSocial."""
