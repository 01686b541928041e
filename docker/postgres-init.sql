-- Temporal, Kamailio and Kea keep their state beside the inventory, in databases of their own. The
-- kamailio service creates its tables in the kamailio database on its first start, kea-db-init
-- Kea's host-reservation tables in the kea database.
CREATE DATABASE temporal OWNER switchboard;
CREATE DATABASE temporal_visibility OWNER switchboard;
CREATE DATABASE kamailio OWNER switchboard;
CREATE DATABASE kea OWNER switchboard;
