//! The statutes that the seed plan's powers rest on, named as a 权责清单 writes them, so that the
//! power tables can cite "statute + article" as a list does.

pub(super) const SRHW: &str = "《城市市容和环境卫生管理条例》";
pub(super) const LHTL: &str = "《城市绿化条例》";
pub(super) const DLTL: &str = "《城市道路管理条例》";
pub(super) const PSTL: &str = "《城镇排水与污水处理条例》";
pub(super) const GHF: &str = "《中华人民共和国城乡规划法》";
pub(super) const ZSF: &str = "《中华人民共和国噪声污染防治法》";
pub(super) const DQF: &str = "《中华人民共和国大气污染防治法》";
pub(super) const GFF: &str = "《中华人民共和国固体废物污染环境防治法》";
pub(super) const JZF: &str = "《中华人民共和国建筑法》";
pub(super) const ZLTL: &str = "《建设工程质量管理条例》";
pub(super) const WYTL: &str = "《物业管理条例》";
pub(super) const DJF: &str = "《中华人民共和国道路交通安全法》";
pub(super) const WZWZ: &str = "《无证无照经营查处办法》";
pub(super) const RFF: &str = "《中华人民共和国人民防空法》";
pub(super) const FDCF: &str = "《中华人民共和国城市房地产管理法》";
pub(super) const ZSBC: &str = "《国有土地上房屋征收与补偿条例》";
pub(super) const RQTL: &str = "《城镇燃气管理条例》";
pub(super) const XZQZ: &str = "《中华人民共和国行政强制法》";
pub(super) const HBF: &str = "《中华人民共和国环境保护法》";
pub(super) const SPAQF: &str = "《中华人民共和国食品安全法》";
pub(super) const DXHD: &str = "《大型群众性活动安全管理条例》";
pub(super) const DLYS: &str = "《中华人民共和国道路运输条例》";
pub(super) const YFK: &str = "《单用途商业预付卡管理办法（试行）》";
pub(super) const XKJD: &str = "《国务院对确需保留的行政审批项目设定行政许可的决定》";
